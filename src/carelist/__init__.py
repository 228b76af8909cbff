"""carelist: publish and check the care-service lists for mobile children (流动儿童关爱服务清单)."""

__version__ = "0.1.0"
