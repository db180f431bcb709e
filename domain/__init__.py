"""RoleCall's core, standard library only (plus dateparser for natural dates): the pure model
at the ground, the capabilities above it, the use cases and the front door (service) on top."""
