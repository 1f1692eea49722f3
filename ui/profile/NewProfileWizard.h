#pragma once

#include "profile/ProfileInfo.h"
#include "profile/ProfileManager.h"

#include <QWizard>

#include <memory>

namespace outpost {

// First run (and File ▸ New profile): names the profile, picks its folder and how its key is protected,
// then creates it with a progress state; a failure is shown on the last page with "Try Again" and, when
// the keychain refused, "Use a Passphrase Instead". Finish hands over the open Workspace.
class NewProfileWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId { NamePageId, ProtectionPageId, CreatePageId };

    // `profilesRoot`: where new profile folders go by default. `presetDir`: a folder to offer instead
    // (from --profile).
    NewProfileWizard(ProfileManager& manager, const QString& profilesRoot, const QString& presetDir = {},
                     QWidget* parent = nullptr);
    ~NewProfileWizard() override;

    // The created profile, once the last page has succeeded.
    std::unique_ptr<Workspace> takeWorkspace();
    bool isCreating() const;
    bool hasCreated() const;

    ProfileManager& manager() const { return m_manager; }
    QString profilesRoot() const { return m_root; }
    QString presetDir() const { return m_presetDir; }

    // Makes the folder suggested for a profile called `name` under `root`: free of other profiles.
    static QString suggestedFolder(const QString& root, const QString& name);

    void reject() override;

private:
    friend class NewProfileNamePage;
    friend class NewProfileProtectionPage;
    friend class NewProfileCreatePage;

    ProfileManager& m_manager;
    QString m_root;
    QString m_presetDir;
    class NewProfileNamePage* m_namePage;
    class NewProfileProtectionPage* m_protectionPage;
    class NewProfileCreatePage* m_createPage;
};

} // namespace outpost
