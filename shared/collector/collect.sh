#!/bin/sh
# STUB: replaced by the real collector.
echo "@@@ batch-ami-auditor collector 1"
