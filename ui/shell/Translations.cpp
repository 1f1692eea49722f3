#include "shell/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLoggingCategory>
#include <QTranslator>

namespace outpost {

Q_LOGGING_CATEGORY(lcTranslations, "outpost.ui.translations", QtInfoMsg)

int installTranslators(QCoreApplication& app, const QLocale& locale)
{
    int loaded = 0;
    auto install = [&](const QLocale& l, const QString& name, const QString& dir) {
        auto* t = new QTranslator(&app);
        if (t->load(l, name, QStringLiteral("_"), dir) && QCoreApplication::installTranslator(t)) {
            qCDebug(lcTranslations) << "loaded" << t->filePath();
            ++loaded;
            return;
        }
        delete t;
    };
    // Translators installed later are asked first: English plurals, then Qt, then the user's language.
    install(QLocale(QLocale::English), QStringLiteral("outpost"), QStringLiteral(":/i18n"));
    if (locale.language() != QLocale::English && locale.language() != QLocale::C) {
        install(locale, QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
        install(locale, QStringLiteral("outpost"), QStringLiteral(":/i18n"));
    }
    return loaded;
}

} // namespace outpost
