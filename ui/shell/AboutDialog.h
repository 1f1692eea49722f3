#pragma once

#include "profile/ProfileInfo.h"

#include <QDialog>

namespace outpost {

class Database;
class KeyStore;

// Help ▸ About Outpost: versions of the application, Qt, SQLCipher and SQLite, and how this profile is
// protected, with a button that copies it all for a support request.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    // `database` may be null (locked): its details are then left out.
    AboutDialog(const ProfileInfo& profile, Database* database, KeyStore* keychain, QWidget* parent = nullptr);

    QString detailsText() const { return m_details; }

private:
    QString m_details;
};

} // namespace outpost
