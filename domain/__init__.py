"""RoleCall's core: the model, the command language and the use cases. Standard library only,
plus dateparser for natural dates."""
