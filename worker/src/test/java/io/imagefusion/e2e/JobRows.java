package io.imagefusion.e2e;

import io.imagefusion.testsupport.ServiceEndpoints;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Job rows read straight from PostgreSQL, for tests that run the worker as a separate process. */
final class JobRows {

    /** A job row; every field null (attempts 0) when the job has no row yet. */
    record Row(String status, int attempts, String workerId, String outputBucket, String outputKey) {
    }

    private JobRows() {
    }

    static Row row(ServiceEndpoints services, String id) throws SQLException {
        try (Connection db = services.openDatabaseConnection();
                PreparedStatement query = db.prepareStatement(
                        "SELECT status, attempts, worker_id, output_bucket, output_key FROM fusion_job WHERE job_id = ?")) {
            query.setString(1, id);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? new Row(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5))
                        : new Row(null, 0, null, null, null);
            }
        }
    }
}
