"""The two manager roles the seed distinguishes."""

from enum import StrEnum

from domain.model.errors import RoleCallError


class Role(StrEnum):
    PRODUCT_MANAGER = "product-manager"
    PROJECT_MANAGER = "project-manager"

    @property
    def label(self) -> str:
        """How the role reads in a sentence: "product manager"."""
        return self.value.replace("-", " ")


_ALIASES = {
    "product-manager": Role.PRODUCT_MANAGER,
    "product manager": Role.PRODUCT_MANAGER,
    "product_manager": Role.PRODUCT_MANAGER,
    "productmanager": Role.PRODUCT_MANAGER,
    "product": Role.PRODUCT_MANAGER,
    "project-manager": Role.PROJECT_MANAGER,
    "project manager": Role.PROJECT_MANAGER,
    "project_manager": Role.PROJECT_MANAGER,
    "projectmanager": Role.PROJECT_MANAGER,
    "project": Role.PROJECT_MANAGER,
}


def parse_role(text: str, usage: str) -> Role:
    role = _ALIASES.get(" ".join(text.lower().split()))
    if role is None:
        raise RoleCallError(
            f"Unknown role “{text[:40]}”. The roles are product-manager and project-manager.",
            usage,
        )
    return role
