/**
 * REST: thin resources over {@link io.imagefusion.jobs.JobService}; HTTP statuses come from
 * {@link io.imagefusion.jobs.FailureCode#httpStatus()}, the one failure table. Who may call what: {@link
 * io.imagefusion.api.Guarded} per operation, enforced by the access filter against bearer tokens.
 */
package io.imagefusion.api;
