#include "profile/ProfileInfo.h"

#include "util/FileUtil.h"
#include "util/JsonNumber.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace outpost {

QString ProfileInfo::infoPath(const QString& dir)
{
    return QDir(dir).filePath(QStringLiteral("profile.json"));
}

QString ProfileInfo::databasePath() const
{
    return QDir(dir).filePath(QStringLiteral("outpost.db"));
}

QString ProfileInfo::wrappedKeyPath() const
{
    return QDir(dir).filePath(QStringLiteral("key.json"));
}

QString ProfileInfo::infoPath() const
{
    return infoPath(dir);
}

QString ProfileInfo::settingsPath() const
{
    return QDir(dir).filePath(QStringLiteral("settings.ini"));
}

bool ProfileInfo::exists(const QString& dir)
{
    return QFileInfo::exists(infoPath(dir));
}

Result<ProfileInfo> ProfileInfo::read(const QString& dir)
{
    QFile f(infoPath(dir));
    if (!f.exists())
        return Error(ErrorCode::NotFound, tr("There is no Outpost profile in %1.").arg(QDir::toNativeSeparators(dir)));
    if (!f.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Io, tr("Could not read %1: %2").arg(QDir::toNativeSeparators(f.fileName()), f.errorString()));
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(f.read(1 << 20), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return Error(ErrorCode::Corrupt, tr("The profile description %1 is damaged (%2).")
                                             .arg(QDir::toNativeSeparators(f.fileName()), err.errorString()));
    const QJsonObject o = doc.object();
    ProfileInfo info;
    info.dir = QFileInfo(dir).absoluteFilePath();
    const int format = o.value(QStringLiteral("format")).toInt();
    if (format > FormatVersion)
        return Error(ErrorCode::SchemaTooNew, tr("This profile was made by a newer version of Outpost."));
    info.id = o.value(QStringLiteral("id")).toString();
    info.name = o.value(QStringLiteral("name")).toString();
    info.createdAt = jsonWholeNumber(o.value(QStringLiteral("createdAt"))).value_or(0);
    const QString protection = o.value(QStringLiteral("keyProtection")).toString();
    if (protection == QLatin1String("keychain"))
        info.protection = KeyProtection::Keychain;
    else if (protection == QLatin1String("passphrase"))
        info.protection = KeyProtection::Passphrase;
    else
        return Error(ErrorCode::Corrupt, tr("The profile description names an unknown key protection \"%1\".").arg(protection));
    if (info.id.isEmpty() || format < 1)
        return Error(ErrorCode::Corrupt, tr("The profile description %1 is incomplete.").arg(QDir::toNativeSeparators(f.fileName())));
    return info;
}

Status ProfileInfo::write() const
{
    QJsonObject o{
        {QStringLiteral("format"), FormatVersion},
        {QStringLiteral("id"), id},
        {QStringLiteral("name"), name},
        {QStringLiteral("keyProtection"),
         protection == KeyProtection::Keychain ? QStringLiteral("keychain") : QStringLiteral("passphrase")},
        {QStringLiteral("createdAt"), static_cast<double>(createdAt)},
    };
    return writeFileAtomically(infoPath(), QJsonDocument(o).toJson(QJsonDocument::Indented));
}

} // namespace outpost
