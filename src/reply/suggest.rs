//! Reply suggestions (filled in below).
