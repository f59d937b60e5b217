#![no_main]
include!("../anchor_proof_body.rs");
libfuzzer_sys::fuzz_target!(|data: &[u8]| fuzz_anchor_proof(data));
