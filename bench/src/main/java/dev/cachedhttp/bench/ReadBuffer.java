package dev.cachedhttp.bench;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** A per-thread buffer that bodies are read into, so reading allocates nothing per call. */
@State(Scope.Thread)
public class ReadBuffer {
  final byte[] bytes = new byte[Calls.READ_BUFFER_BYTES];
}
