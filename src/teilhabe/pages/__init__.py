"""Pages composed from several apps (the person list and the person page).

They sit above the apps: nothing in an app imports this package, so it may import every
app's parts directly, at the top of the module, without an import cycle between apps.
"""
