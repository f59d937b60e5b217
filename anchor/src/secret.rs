//! [`Secret`]: the private key and the API key of the daemon, held in a
//! [`secrecy::SecretString`] (zeroed on drop, never printed). Its own module because both the
//! configuration (which holds secrets) and the chain side (which turns the key into a signer)
//! use it.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};

/// A string that never prints itself and is zeroed when dropped.
#[derive(Clone, Default)]
pub struct Secret(SecretString);

impl Secret {
    /// The secret value; call only where it is used (signing, the auth header).
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    /// Whether no value was given.
    pub fn is_empty(&self) -> bool {
        self.0.expose_secret().is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Secret(SecretString::from(s.trim())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints_its_value_but_exposes_it_trimmed() {
        let secret: Secret = " ss_key ".parse().unwrap();
        assert_eq!(secret.expose(), "ss_key");
        assert_eq!(format!("{secret:?} {secret}"), "<redacted> <redacted>");
        assert!(!secret.is_empty());
        assert!(Secret::default().is_empty());
    }
}
