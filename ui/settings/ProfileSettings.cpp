#include "settings/ProfileSettings.h"

#include <algorithm>

namespace outpost {

namespace {
const QString kIdleLock = QStringLiteral("security/idleLockMinutes");
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kPage = QStringLiteral("view/currentPage");
QString pageKey(const QString& pageId)
{
    return QStringLiteral("pages/") + pageId;
}
} // namespace

ProfileSettings::ProfileSettings(const ProfileInfo& info)
    : m_settings(std::make_unique<QSettings>(info.settingsPath(), QSettings::IniFormat))
{
}

int ProfileSettings::idleLockMinutes() const
{
    bool ok = false;
    const int v = m_settings->value(kIdleLock, DefaultIdleLockMinutes).toInt(&ok);
    return ok ? std::clamp(v, 0, MaximumIdleLockMinutes) : DefaultIdleLockMinutes;
}

void ProfileSettings::setIdleLockMinutes(int minutes)
{
    m_settings->setValue(kIdleLock, std::clamp(minutes, 0, MaximumIdleLockMinutes));
}

QByteArray ProfileSettings::windowGeometry() const
{
    return m_settings->value(kGeometry).toByteArray();
}

QByteArray ProfileSettings::windowState() const
{
    return m_settings->value(kState).toByteArray();
}

void ProfileSettings::setWindow(const QByteArray& geometry, const QByteArray& state)
{
    m_settings->setValue(kGeometry, geometry);
    m_settings->setValue(kState, state);
}

QString ProfileSettings::currentPage() const
{
    return m_settings->value(kPage).toString();
}

void ProfileSettings::setCurrentPage(const QString& pageId)
{
    m_settings->setValue(kPage, pageId);
}

QVariantMap ProfileSettings::pageState(const QString& pageId) const
{
    return m_settings->value(pageKey(pageId)).toMap();
}

void ProfileSettings::setPageState(const QString& pageId, const QVariantMap& state)
{
    m_settings->setValue(pageKey(pageId), state);
}

AppSettings::AppSettings() = default;

QString AppSettings::lastProfileDir() const
{
    return m_settings.value(QStringLiteral("profiles/last")).toString();
}

void AppSettings::setLastProfileDir(const QString& dir)
{
    m_settings.setValue(QStringLiteral("profiles/last"), dir);
}

QString AppSettings::theme() const
{
    return m_settings.value(QStringLiteral("appearance/theme"), QStringLiteral("system")).toString();
}

void AppSettings::setTheme(const QString& theme)
{
    m_settings.setValue(QStringLiteral("appearance/theme"), theme);
}

} // namespace outpost
