//! The OpenAPI 3.1 document of the HTTP API, generated from the types.
