//! Registry and paymaster vectors (filled in with the ABI modules).
use serde_json::{json, Value};
pub fn registry_vectors() -> Value {
    json!({})
}
pub fn paymaster_vectors() -> Value {
    json!({})
}
