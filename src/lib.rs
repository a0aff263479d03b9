#![doc = include_str!("../README.md")]

pub use whop_api_macros::whop_api;
pub use whop_api_runtime::*;
