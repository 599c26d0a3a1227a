// The package version, kept in one place (reports record it).
export const VERSION = '0.1.0';
