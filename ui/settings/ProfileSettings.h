#pragma once

#include "profile/ProfileInfo.h"

#include <QByteArray>
#include <QSettings>
#include <QVariantMap>

#include <memory>

namespace outpost {

// Settings that belong to one profile, kept beside its database in settings.ini (ProfileInfo::settingsPath).
// Holds nothing secret and nothing from the database beyond a record id: the file is not encrypted.
class ProfileSettings
{
public:
    static constexpr int DefaultIdleLockMinutes = 15;
    static constexpr int MaximumIdleLockMinutes = 24 * 60;

    explicit ProfileSettings(const ProfileInfo& info);

    // Minutes without keyboard or mouse input before the profile locks; 0 = never.
    int idleLockMinutes() const;
    void setIdleLockMinutes(int minutes);

    QByteArray windowGeometry() const;
    QByteArray windowState() const;
    void setWindow(const QByteArray& geometry, const QByteArray& state);

    // Which page was shown and what was selected on it, restored at the next unlock.
    QString currentPage() const;
    void setCurrentPage(const QString& pageId);
    QVariantMap pageState(const QString& pageId) const;
    void setPageState(const QString& pageId, const QVariantMap& state);

    QSettings& raw() { return *m_settings; }
    void sync() { m_settings->sync(); }

private:
    std::unique_ptr<QSettings> m_settings;
};

// Settings of the whole application (QSettings of organisation/application "Outpost").
class AppSettings
{
public:
    AppSettings();

    QString lastProfileDir() const;
    void setLastProfileDir(const QString& dir);
    QString theme() const; // "system", "light", "dark"
    void setTheme(const QString& theme);

private:
    QSettings m_settings;
};

} // namespace outpost
