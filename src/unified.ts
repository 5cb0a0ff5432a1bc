// Placeholder until the unified plugins land (issue #3); keeps the subpath buildable.
export {}
