//! `uniffi-bindgen`, pinned to the uniffi version of `set-mobile`: `make mobile` runs
//! `uniffi-bindgen generate --library <libset_mobile.so> --language kotlin|swift`.

fn main() {
    uniffi::uniffi_bindgen_main()
}
