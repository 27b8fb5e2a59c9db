//! The path families of the firmware versions (PROTOCOL.md, "Older firmware").
//!
//! Only v3 is documented in full; for v1 and v2 the auth path is assumed to follow the
//! same pattern as v3 (`api/vN/auth/requesttoken`), since nothing else is known.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum ApiVersion {
    V1,
    V2,
    V3,
}

impl ApiVersion {
    /// Newest first: the order in which detection tries them.
    pub const DETECTION_ORDER: [ApiVersion; 3] = [ApiVersion::V3, ApiVersion::V2, ApiVersion::V1];

    pub fn engineering(self) -> &'static str {
        match self {
            ApiVersion::V3 => "api/v3/data/engineering",
            ApiVersion::V2 => "api/v2/data/engineering",
            ApiVersion::V1 => "api/v1/data/engineering",
        }
    }

    pub fn control_state(self) -> &'static str {
        match self {
            ApiVersion::V3 => "api/v3/data/control_state",
            ApiVersion::V2 => "api/v2/data/controller",
            ApiVersion::V1 => "api/v1/data/controller",
        }
    }

    pub fn active(self) -> &'static str {
        match self {
            ApiVersion::V3 => "api/v3/configuration/active",
            ApiVersion::V2 => "api/v2/configuration/active",
            ApiVersion::V1 => "api/v1/configuration/installer/active",
        }
    }

    pub fn control(self) -> &'static str {
        match self {
            ApiVersion::V3 => "api/v3/control/task",
            ApiVersion::V2 => "api/v2/controller/task",
            ApiVersion::V1 => "api/v1/controller/flags",
        }
    }

    pub fn request_token(self) -> &'static str {
        match self {
            ApiVersion::V3 => "api/v3/auth/requesttoken",
            ApiVersion::V2 => "api/v2/auth/requesttoken",
            ApiVersion::V1 => "api/v1/auth/requesttoken",
        }
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ApiVersion::V1 => "v1",
            ApiVersion::V2 => "v2",
            ApiVersion::V3 => "v3",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_print_as_their_path_segment() {
        for v in ApiVersion::DETECTION_ORDER {
            assert_eq!(format!("api/{v}/"), &v.engineering()[..7]);
        }
        assert_eq!(ApiVersion::V1.to_string(), "v1");
    }
}
