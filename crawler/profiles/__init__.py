"""Site profiles: declarative YAML describing how to search and read one site."""

from crawler.profiles.loader import ProfileError, load_profile, shipped_profiles
from crawler.profiles.model import FieldSelectors, SiteProfile

__all__ = ["FieldSelectors", "ProfileError", "SiteProfile", "load_profile", "shipped_profiles"]
