-- Every bound refresh inserts a seen proof, and the prune runs once a minute per process: it scans rather than each insert keeping an index (docs/dpop.md#cost).
-- DropIndex
DROP INDEX "SeenDpopProof_expiresAt_idx";
