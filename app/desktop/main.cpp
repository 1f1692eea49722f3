// outpost: the desktop application.
#include "keys/QtKeychainKeyStore.h"
#include "settings/ProfileSettings.h"
#include "shell/AppController.h"
#include "shell/Translations.h"
#include "theme/Theme.h"
#include "theme/ThemedIcon.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTextStream>

#include <cstdio>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Outpost"));
    QCoreApplication::setApplicationName(QStringLiteral("Outpost"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OUTPOST_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("outpost"));
    outpost::installTranslators(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Outpost: back-office for direct-selling organisations."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption profileOption(
        QStringLiteral("profile"), QCoreApplication::translate("main", "Open the profile in <dir> (or create one there)."),
        QCoreApplication::translate("main", "dir"));
    const QCommandLineOption rootOption(
        QStringLiteral("profiles-root"),
        QCoreApplication::translate("main", "List and create profiles under <dir> instead of the default folder."),
        QCoreApplication::translate("main", "dir"));
    const QCommandLineOption lockOption(
        QStringLiteral("lock-after"),
        QCoreApplication::translate("main", "Lock after <seconds> without input, for this session (0 = never)."),
        QCoreApplication::translate("main", "seconds"));
    const QCommandLineOption themeOption(
        QStringLiteral("theme"), QCoreApplication::translate("main", "Appearance: system, light or dark."),
        QCoreApplication::translate("main", "mode"));
    const QCommandLineOption noKeychainOption(
        QStringLiteral("no-keychain"),
        QCoreApplication::translate("main", "Do not use the system keychain (passphrase profiles only)."));
    parser.addOptions({profileOption, rootOption, lockOption, themeOption, noKeychainOption});
    parser.process(app);

    outpost::AppOptions options;
    options.profileDir = parser.value(profileOption);
    options.profilesRoot = parser.value(rootOption);
    if (parser.isSet(lockOption)) {
        bool ok = false;
        options.lockAfterSeconds = parser.value(lockOption).toInt(&ok);
        if (!ok || options.lockAfterSeconds < 0) {
            QTextStream(stderr) << QCoreApplication::translate("main", "--lock-after needs a number of seconds (0 or more).")
                                << Qt::endl;
            return 2;
        }
    }
    const QString themeName = parser.isSet(themeOption) ? parser.value(themeOption) : outpost::AppSettings().theme();

    outpost::Theme theme(app);
    theme.setMode(outpost::Theme::modeFromString(themeName));
    QApplication::setWindowIcon(outpost::applicationIcon());
    QApplication::setQuitOnLastWindowClosed(false); // the controller decides when the user is done

    outpost::QtKeychainKeyStore keychain;
    outpost::AppController controller(parser.isSet(noKeychainOption) ? nullptr : &keychain, options);
    QObject::connect(&controller, &outpost::AppController::finished, &app, &QCoreApplication::quit,
                     Qt::QueuedConnection);
    controller.start();
    return app.exec();
}
