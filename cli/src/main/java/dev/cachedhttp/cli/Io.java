package dev.cachedhttp.cli;

import java.io.BufferedReader;
import java.io.PrintStream;

/**
 * The streams of one run: results on {@code out}, progress, prompts and errors on {@code err},
 * answers to prompts from {@code in}.
 */
record Io(PrintStream out, PrintStream err, BufferedReader in) {}
