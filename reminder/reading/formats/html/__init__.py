"""HTML minutes -> `Document`: page chrome removed (`chrome`), then blocks (`reader`)."""
