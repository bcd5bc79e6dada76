package io.imagefusion.api;

import java.util.List;

/**
 * One page of jobs ordered by job id.
 *
 * @param next pass as {@code after} for the next page; {@code null} on the last page
 */
public record JobPage(List<JobView> items, String next) {
}
