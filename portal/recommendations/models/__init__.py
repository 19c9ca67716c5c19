from .pages import RecommendationIndexPage, recommendation_path
from .recommendations import Follow, Recommendation, Source, Status, StatusChange, Theme

__all__ = ["Follow", "Recommendation", "RecommendationIndexPage", "Source", "Status", "StatusChange", "Theme",
           "recommendation_path"]
