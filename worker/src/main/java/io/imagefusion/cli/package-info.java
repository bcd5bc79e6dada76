/** Command-line entry point: the worker, or an offline tool that must not boot the service. */
package io.imagefusion.cli;
