package dev.cachedhttp.cli;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Turns an exception into the one line printed for it. */
final class Failures {
  private Failures() {}

  /** The message of {@code e}, with the cause that explains it. */
  static String describe(Throwable e) {
    if (e instanceof CliException) {
      return e.getMessage();
    }
    String message = String.valueOf(e.getMessage());
    if (e instanceof SdkClientException && message.startsWith("Unable to load credentials")) {
      return "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (any values "
          + "for DynamoDB Local) or pass --profile";
    }
    if (e instanceof SdkClientException && message.contains("profile")) {
      return "no AWS credentials: " + message;
    }
    if (e instanceof SdkClientException) {
      return "cannot reach DynamoDB: " + rootMessage(e);
    }
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      return "DynamoDB refused the request: " + service.awsErrorDetails().errorCode() + ": "
          + service.awsErrorDetails().errorMessage();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : message;
  }

  /** The message of the innermost cause that has one. */
  static String rootMessage(Throwable e) {
    String message = e.getMessage();
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null) {
        message = cause.getClass().getSimpleName() + ": " + cause.getMessage();
      }
    }
    return message;
  }
}
