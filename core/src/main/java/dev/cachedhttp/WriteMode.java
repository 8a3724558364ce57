package dev.cachedhttp;

/**
 * Where a cache writes responses to its backend. In every mode a write the cache accepted is
 * visible at once to lookups through the same {@link CachedClient}, so read-after-write, request
 * coalescing and redirect aliases behave the same.
 */
public enum WriteMode {
  /**
   * {@link #ASYNC} when the backend says its calls cross a network ({@code Backend.remote()}, as
   * DynamoDB does), {@link #SYNC} otherwise (an in-memory put costs less than handing it to
   * another thread). The default.
   */
  AUTO,
  /**
   * Writes happen on the caller's thread before the response is returned: other processes
   * reading the same store see them as soon as the call returns.
   */
  SYNC,
  /**
   * Writes are queued to one background writer thread and the response returns at once; a full
   * queue drops the write (counted in {@link CacheStats#writesDropped()}); {@link
   * CachedClient#close()} flushes the queue within a deadline.
   */
  ASYNC
}
