#!/bin/sh
# Installs the AWS CLI (Debian/Ubuntu package `awscli`) when no `aws` command is on PATH, so that
# backend-dynamodb's ReadabilityTest can read stored items the way a user does. Never fails the
# build: without apt-get or root it says so, and the test falls back to the SDK's raw query.
set -u

if command -v aws >/dev/null 2>&1; then
  echo "install-aws-cli: found $(aws --version 2>&1)"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-aws-cli: no aws and no apt-get; the readability test will use the SDK query" >&2
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo -n"
  else
    echo "install-aws-cli: not root and no sudo; the readability test will use the SDK query" >&2
    exit 0
  fi
fi

if $SUDO apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends awscli \
    >/dev/null; then
  echo "install-aws-cli: installed $(aws --version 2>&1)"
else
  echo "install-aws-cli: apt-get could not install awscli; the readability test will use the SDK query" >&2
fi
exit 0
