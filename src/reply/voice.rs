//! The brand voice (company name, du or Sie, signature, private channel) and the platform's limits.

use serde::{Deserialize, Serialize};

use crate::model::{Address, Lang};

fn default_address() -> Address {
    Address::Sie
}

/// How a company speaks. Deserialisable from JSON or TOML; every field has a default.
///
/// ```toml
/// company = "Bäckerei Sonnenschein"
/// address = "du"
/// signature = "Eure Bäckerei Sonnenschein"
/// private_channel = "Direktnachricht"
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BrandVoice {
    /// The company's name as it must be written; empty when unknown.
    pub company: String,
    /// Other accepted spellings (e.g. a short form).
    pub aliases: Vec<String>,
    /// German form of address the brand uses.
    #[serde(default = "default_address")]
    pub address: Address,
    /// Whether the brand answers du-commenters with du (when `address` is Sie).
    pub mirror_du: bool,
    /// Sign-off appended to replies, e.g. "^Anna" or "Ihr Team von Müller".
    pub signature: Option<String>,
    /// The private channel to point to (German), e.g. "Direktnachricht".
    pub private_channel_de: Option<String>,
    /// The private channel to point to (English), e.g. "direct message".
    pub private_channel_en: Option<String>,
}

impl Default for BrandVoice {
    fn default() -> Self {
        BrandVoice {
            company: String::new(),
            aliases: Vec::new(),
            address: Address::Sie,
            mirror_du: true,
            signature: None,
            private_channel_de: None,
            private_channel_en: None,
        }
    }
}

impl BrandVoice {
    pub fn new(company: &str) -> Self {
        BrandVoice {
            company: company.to_string(),
            ..BrandVoice::default()
        }
    }
    pub fn with_address(mut self, address: Address) -> Self {
        self.address = address;
        self
    }
    pub fn with_signature(mut self, signature: &str) -> Self {
        self.signature = Some(signature.to_string());
        self
    }
    /// The private channel's name in `lang`.
    pub fn private_channel(&self, lang: Lang) -> &str {
        match lang {
            Lang::De => self
                .private_channel_de
                .as_deref()
                .unwrap_or("Direktnachricht"),
            _ => self
                .private_channel_en
                .as_deref()
                .unwrap_or("direct message"),
        }
    }
    /// The form of address to answer a commenter with: du only when they used du and the brand allows it.
    pub fn address_for(&self, commenter: Option<Address>) -> Address {
        match (self.address, commenter) {
            (Address::Du, _) => Address::Du,
            (Address::Sie, Some(Address::Du)) if self.mirror_du => Address::Du,
            _ => Address::Sie,
        }
    }
}

/// Where a reply is posted. Deserialises leniently: an unknown name (a site added later) is `generic`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", from = "String")]
pub enum Platform {
    /// No length limit.
    #[default]
    Generic,
    X,
    Threads,
    Mastodon,
    Bluesky,
    Instagram,
    Facebook,
    Linkedin,
    Youtube,
    Tiktok,
    Reddit,
}

impl From<String> for Platform {
    fn from(s: String) -> Platform {
        Platform::parse(&s).unwrap_or_default()
    }
}

impl Platform {
    pub const ALL: [Platform; 11] = [
        Platform::Generic,
        Platform::X,
        Platform::Threads,
        Platform::Mastodon,
        Platform::Bluesky,
        Platform::Instagram,
        Platform::Facebook,
        Platform::Linkedin,
        Platform::Youtube,
        Platform::Tiktok,
        Platform::Reddit,
    ];
    pub const fn key(self) -> &'static str {
        match self {
            Platform::Generic => "generic",
            Platform::X => "x",
            Platform::Threads => "threads",
            Platform::Mastodon => "mastodon",
            Platform::Bluesky => "bluesky",
            Platform::Instagram => "instagram",
            Platform::Facebook => "facebook",
            Platform::Linkedin => "linkedin",
            Platform::Youtube => "youtube",
            Platform::Tiktok => "tiktok",
            Platform::Reddit => "reddit",
        }
    }
    pub fn parse(s: &str) -> Option<Platform> {
        let s = s.trim().to_ascii_lowercase();
        if s == "twitter" {
            return Some(Platform::X);
        }
        Platform::ALL.into_iter().find(|p| p.key() == s)
    }
    /// The longest reply (in characters) the platform accepts for a reply or comment.
    pub const fn max_chars(self) -> Option<usize> {
        match self {
            Platform::Generic => None,
            Platform::X => Some(280),
            Platform::Threads | Platform::Mastodon => Some(500),
            Platform::Bluesky => Some(300),
            Platform::Tiktok => Some(150),
            Platform::Linkedin => Some(1250),
            Platform::Instagram => Some(2200),
            Platform::Facebook => Some(8000),
            Platform::Youtube | Platform::Reddit => Some(10000),
        }
    }
}
