/** The auditor's version, reported in every report and used in probe cache keys. */
export const TOOL_VERSION = '0.1.0';
