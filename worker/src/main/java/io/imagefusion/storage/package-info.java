/**
 * The object store: a port ({@link io.imagefusion.storage.ObjectStore}) and its MinIO adapter.
 *
 * <p>Every access passes {@link io.imagefusion.storage.AccessPolicy} first (bucket allow-list, key rules;
 * writes only to the output buckets). An output is written only onto a free key or its own job's earlier
 * output ({@link io.imagefusion.storage.OwnerMark}), with a conditional put against a racing writer.
 * Failures surface as {@link io.imagefusion.storage.StorageException} whose messages name bucket and key
 * only: credentials and the client's HTTP traces never leave the adapter.
 */
package io.imagefusion.storage;
