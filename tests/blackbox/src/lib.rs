//! A black-box suite of protocol v1: named checks that drive any server by its base URL
//! (`http://127.0.0.1:8080`, or `http://host/chat` for a chat mounted under a prefix),
//! with every HTTP answer checked against the OpenAPI document ([`openapi`]).

pub mod openapi;
