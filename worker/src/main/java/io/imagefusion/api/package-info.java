/**
 * REST: thin resources over {@link io.imagefusion.jobs.JobService}; HTTP statuses come from
 * {@link io.imagefusion.jobs.FailureCode#httpStatus()}, the one failure table.
 */
package io.imagefusion.api;
