#pragma once

#include <QLocale>

class QCoreApplication;

namespace outpost {

// Installs Qt's own catalogue (when installed) and Outpost's for `locale`, on top of the English plural
// forms (outpost_en), which are always loaded so that "%Ln contact(s)" reads well in English.
// The translators are children of `app`. Returns the number of catalogues loaded.
int installTranslators(QCoreApplication& app, const QLocale& locale = QLocale());

} // namespace outpost
