#pragma once

#include <QIcon>
#include <QString>

namespace outpost {

// An icon from resources/icons/<name>.svg. Monochrome icons (drawn with stroke="currentColor") are
// recoloured from the application palette each time they are painted, so they follow light and dark mode
// and the disabled and selected states without being reloaded. `recolour = false` keeps the file's colours
// (the application logo).
QIcon themedIcon(const QString& name, bool recolour = true);

// The application icon.
QIcon applicationIcon();

} // namespace outpost
