#include "profile/NewProfileWizard.h"

#include "keys/KeyStore.h"
#include "profile/PassphraseFields.h"
#include "theme/ThemedIcon.h"
#include "widgets/MessageLabel.h"

#include <QAbstractButton>
#include <QButtonGroup>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace outpost {

namespace {

QLabel* makeNote(const QString& text, QWidget* parent)
{
    auto* l = new QLabel(text, parent);
    l->setWordWrap(true);
    l->setTextFormat(Qt::PlainText);
    l->setForegroundRole(QPalette::PlaceholderText);
    return l;
}

QString defaultProfileName()
{
    return NewProfileWizard::tr("Work");
}

} // namespace

// ---------------------------------------------------------------------------------------------------

class NewProfileNamePage : public QWizardPage
{
public:
    explicit NewProfileNamePage(NewProfileWizard* wizard)
        : QWizardPage(wizard)
        , m_wizard(wizard)
        , m_name(new QLineEdit(this))
        , m_folder(new QLineEdit(this))
        , m_browse(new QToolButton(this))
        , m_message(new MessageLabel(this))
    {
        setObjectName(QStringLiteral("namePage"));
        setTitle(NewProfileWizard::tr("Welcome to Outpost"));
        setSubTitle(NewProfileWizard::tr("A profile keeps your contacts and other records on this computer, in an "
                                         "encrypted database. Give it a name you will recognise."));
        m_name->setObjectName(QStringLiteral("profileNameEdit"));
        m_folder->setObjectName(QStringLiteral("profileFolderEdit"));
        m_browse->setObjectName(QStringLiteral("browseFolderButton"));
        m_message->setObjectName(QStringLiteral("namePageMessage"));
        m_name->setMaxLength(80);
        m_name->setPlaceholderText(NewProfileWizard::tr("For example: Work, Team North"));
        m_browse->setIcon(themedIcon(QStringLiteral("folder")));
        m_browse->setToolTip(NewProfileWizard::tr("Choose a folder"));
        m_browse->setText(NewProfileWizard::tr("Choose…"));
        m_browse->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

        auto* folderRow = new QHBoxLayout;
        folderRow->addWidget(m_folder, 1);
        folderRow->addWidget(m_browse);

        auto* form = new QFormLayout;
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        form->addRow(NewProfileWizard::tr("Profile &name:"), m_name);
        auto* folderLabel = new QLabel(NewProfileWizard::tr("&Folder:"), this);
        folderLabel->setBuddy(m_folder);
        form->addRow(folderLabel, folderRow);
        auto* folderNote = makeNote(NewProfileWizard::tr("The database, its settings and (for a passphrase) the "
                                                         "wrapped key are kept in this folder."),
                                    this);
        form->addRow(QString(), folderNote);

        auto* layout = new QVBoxLayout(this);
        layout->addLayout(form);
        layout->addWidget(m_message);
        layout->addStretch(1);

        connect(m_name, &QLineEdit::textChanged, this, [this] {
            if (!m_folderEdited)
                m_folder->setText(NewProfileWizard::suggestedFolder(m_wizard->profilesRoot(), m_name->text()));
            check();
        });
        connect(m_folder, &QLineEdit::textEdited, this, [this] {
            m_folderEdited = true;
        });
        connect(m_folder, &QLineEdit::textChanged, this, [this] { check(); });
        connect(m_browse, &QToolButton::clicked, this, [this] { browse(); });
    }

    void initializePage() override
    {
        if (!m_initialized) {
            m_initialized = true;
            if (!m_wizard->presetDir().isEmpty()) {
                m_folderEdited = true;
                m_folder->setText(QDir::toNativeSeparators(QFileInfo(m_wizard->presetDir()).absoluteFilePath()));
            }
            m_name->setText(defaultProfileName());
            m_name->selectAll();
        }
        m_name->setFocus();
    }

    bool isComplete() const override { return problem().isEmpty(); }

    QString name() const { return m_name->text().trimmed(); }
    QString folder() const { return QDir::cleanPath(QDir::fromNativeSeparators(m_folder->text().trimmed())); }

private:
    QString problem() const
    {
        if (name().isEmpty())
            return NewProfileWizard::tr("Enter a name for the profile.");
        const QString dir = folder();
        if (dir.isEmpty())
            return NewProfileWizard::tr("Choose a folder for the profile.");
        if (!QDir::isAbsolutePath(dir))
            return NewProfileWizard::tr("Choose a complete folder path, for example %1.")
                .arg(QDir::toNativeSeparators(QDir(m_wizard->profilesRoot()).filePath(QStringLiteral("work"))));
        if (ProfileInfo::exists(dir))
            return NewProfileWizard::tr("This folder already holds a profile. Choose another folder, or cancel and "
                                        "open that profile.");
        if (QFileInfo::exists(QDir(dir).filePath(QStringLiteral("outpost.db"))))
            return NewProfileWizard::tr("This folder already holds an Outpost database. Choose an empty folder.");
        const QFileInfo fi(dir);
        if (fi.exists() && !fi.isDir())
            return NewProfileWizard::tr("%1 is a file, not a folder.").arg(QDir::toNativeSeparators(dir));
        return {};
    }

    void check()
    {
        const QString p = problem();
        // Say nothing about an empty name while the user is still typing it.
        if (p.isEmpty() || name().isEmpty())
            m_message->clearMessage();
        else
            m_message->showError(p);
        emit completeChanged();
    }

    void browse()
    {
        auto* dialog = new QFileDialog(this, NewProfileWizard::tr("Choose a Folder for the Profile"));
        dialog->setObjectName(QStringLiteral("profileFolderDialog"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setFileMode(QFileDialog::Directory);
        dialog->setOption(QFileDialog::ShowDirsOnly);
        QDir start(folder());
        while (!start.exists() && start.cdUp()) {
        }
        dialog->setDirectory(start.exists() ? start.absolutePath() : QDir::homePath());
        connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& dir) {
            m_folderEdited = true;
            m_folder->setText(QDir::toNativeSeparators(dir));
        });
        dialog->open();
    }

    NewProfileWizard* m_wizard;
    QLineEdit* m_name;
    QLineEdit* m_folder;
    QToolButton* m_browse;
    MessageLabel* m_message;
    bool m_folderEdited = false;
    bool m_initialized = false;
};

// ---------------------------------------------------------------------------------------------------

class NewProfileProtectionPage : public QWizardPage
{
public:
    explicit NewProfileProtectionPage(NewProfileWizard* wizard)
        : QWizardPage(wizard)
        , m_wizard(wizard)
        , m_keychain(new QRadioButton(this))
        , m_passphrase(new QRadioButton(NewProfileWizard::tr("Protect the key with a &passphrase"), this))
        , m_fields(new PassphraseFields(this))
    {
        setObjectName(QStringLiteral("protectionPage"));
        setTitle(NewProfileWizard::tr("Protect Your Data"));
        setSubTitle(NewProfileWizard::tr("The database is encrypted with a random 256-bit key. Choose where that key "
                                         "is kept."));
        m_keychain->setObjectName(QStringLiteral("keychainRadio"));
        m_passphrase->setObjectName(QStringLiteral("passphraseRadio"));

        KeyStore* keychain = wizard->manager().keychain();
        const bool available = keychain && keychain->isAvailable();
        m_keychain->setText(available ? NewProfileWizard::tr("Keep the key in this computer's &keychain (%1)")
                                            .arg(keychain->backendName())
                                      : NewProfileWizard::tr("Keep the key in this computer's &keychain"));
        m_keychain->setEnabled(available);

        auto* group = new QButtonGroup(this);
        group->addButton(m_keychain);
        group->addButton(m_passphrase);

        auto* keychainNote = makeNote(
            available ? NewProfileWizard::tr("Outpost opens without a prompt while you are signed in to this computer. "
                                             "Recommended for computers only you use.")
                      : NewProfileWizard::tr("No keychain service was found on this computer, so the key must be "
                                             "protected by a passphrase."),
            this);
        auto* passphraseNote = makeNote(NewProfileWizard::tr("You type the passphrase each time you open Outpost. "
                                                             "Nobody can recover it for you."),
                                        this);

        auto* indented = new QVBoxLayout;
        indented->setContentsMargins(24, 0, 0, 0);
        indented->addWidget(passphraseNote);
        indented->addWidget(m_fields);

        auto* keychainIndented = new QVBoxLayout;
        keychainIndented->setContentsMargins(24, 0, 0, 0);
        keychainIndented->addWidget(keychainNote);

        auto* layout = new QVBoxLayout(this);
        layout->addWidget(m_keychain);
        layout->addLayout(keychainIndented);
        layout->addSpacing(8);
        layout->addWidget(m_passphrase);
        layout->addLayout(indented);
        layout->addStretch(1);

        (available ? m_keychain : m_passphrase)->setChecked(true);
        connect(m_passphrase, &QRadioButton::toggled, this, [this] { updateState(); });
        connect(m_fields, &PassphraseFields::changed, this, &QWizardPage::completeChanged);
        updateState();
    }

    void initializePage() override { updateState(); }

    bool isComplete() const override { return !m_passphrase->isChecked() || m_fields->isAcceptable(); }

    KeyProtection protection() const
    {
        return m_passphrase->isChecked() ? KeyProtection::Passphrase : KeyProtection::Keychain;
    }
    QString passphrase() const { return m_fields->passphrase(); }

    void choosePassphrase()
    {
        m_passphrase->setChecked(true);
        updateState();
        m_fields->firstField()->setFocus();
    }

private:
    void updateState()
    {
        m_fields->setEnabled(m_passphrase->isChecked());
        if (m_passphrase->isChecked())
            m_fields->firstField()->setFocus();
        emit completeChanged();
    }

    NewProfileWizard* m_wizard;
    QRadioButton* m_keychain;
    QRadioButton* m_passphrase;
    PassphraseFields* m_fields;
};

// ---------------------------------------------------------------------------------------------------

class NewProfileCreatePage : public QWizardPage
{
public:
    explicit NewProfileCreatePage(NewProfileWizard* wizard)
        : QWizardPage(wizard)
        , m_wizard(wizard)
        , m_status(new QLabel(this))
        , m_progress(new QProgressBar(this))
        , m_message(new MessageLabel(this))
        , m_retry(new QPushButton(NewProfileWizard::tr("&Try Again"), this))
        , m_usePassphrase(new QPushButton(NewProfileWizard::tr("Use a &Passphrase Instead"), this))
    {
        setObjectName(QStringLiteral("createPage"));
        setTitle(NewProfileWizard::tr("Creating the Profile"));
        m_status->setObjectName(QStringLiteral("createStatus"));
        m_progress->setObjectName(QStringLiteral("createProgress"));
        m_message->setObjectName(QStringLiteral("createMessage"));
        m_retry->setObjectName(QStringLiteral("retryButton"));
        m_usePassphrase->setObjectName(QStringLiteral("usePassphraseButton"));
        m_status->setWordWrap(true);
        m_status->setTextFormat(Qt::PlainText);
        m_progress->setRange(0, 0);
        m_progress->setTextVisible(false);

        auto* buttons = new QHBoxLayout;
        buttons->addWidget(m_retry);
        buttons->addWidget(m_usePassphrase);
        buttons->addStretch(1);

        auto* layout = new QVBoxLayout(this);
        layout->addWidget(m_status);
        layout->addWidget(m_progress);
        layout->addWidget(m_message);
        layout->addLayout(buttons);
        layout->addStretch(1);

        connect(m_retry, &QPushButton::clicked, this, [this] { start(); });
        connect(m_usePassphrase, &QPushButton::clicked, this, [this] {
            m_wizard->back();
            m_wizard->m_protectionPage->choosePassphrase();
        });
        showIdle();
    }

    void initializePage() override { start(); }
    void cleanupPage() override
    {
        // Going back: forget a result of an attempt still under way.
        ++m_generation;
        m_busy = false;
    }
    bool isComplete() const override { return m_workspace != nullptr; }
    bool validatePage() override { return m_workspace != nullptr; }

    bool isBusy() const { return m_busy; }
    bool hasWorkspace() const { return m_workspace != nullptr; }
    std::unique_ptr<Workspace> takeWorkspace() { return std::move(m_workspace); }

private:
    void showIdle()
    {
        m_progress->hide();
        m_retry->hide();
        m_usePassphrase->hide();
        m_message->clearMessage();
    }

    void setBusy(bool busy)
    {
        m_busy = busy;
        m_progress->setVisible(busy);
        // QWizard re-enables its buttons on every state change; keep Back and Cancel off while working.
        emit completeChanged();
        for (auto which : {QWizard::BackButton, QWizard::CancelButton})
            if (QAbstractButton* b = m_wizard->button(which))
                b->setEnabled(!busy && !m_workspace);
    }

    void start()
    {
        if (m_busy || m_workspace)
            return;
        auto* names = m_wizard->m_namePage;
        auto* protection = m_wizard->m_protectionPage;
        ProfileManager::NewProfile request;
        request.name = names->name();
        request.dir = names->folder();
        request.protection = protection->protection();
        request.passphrase = protection->passphrase();
        m_protection = request.protection;

        showIdle();
        m_status->setText(request.protection == KeyProtection::Keychain
                              ? NewProfileWizard::tr("Creating the encrypted database and saving its key in the "
                                                     "keychain…")
                              : NewProfileWizard::tr("Deriving a key from your passphrase and creating the encrypted "
                                                     "database…"));
        setBusy(true);
        const int generation = ++m_generation;
        QPointer<NewProfileCreatePage> self(this);
        m_wizard->manager().create(request, [self, generation](Result<std::unique_ptr<Workspace>> result) {
            if (!self || generation != self->m_generation)
                return; // the wizard was closed or went back: the workspace (if any) closes here
            self->finished(std::move(result));
        });
    }

    void finished(Result<std::unique_ptr<Workspace>> result)
    {
        if (result) {
            m_workspace = std::move(result.value());
            const ProfileInfo& info = m_workspace->info();
            m_status->setText(NewProfileWizard::tr("Your profile \u201c%1\u201d is ready.").arg(info.name));
            m_message->showMessage(
                MessageLabel::Kind::Success,
                info.protection == KeyProtection::Keychain
                    ? NewProfileWizard::tr("The database in %1 is encrypted; its key is in the keychain. Click Finish "
                                           "to start.")
                          .arg(QDir::toNativeSeparators(info.dir))
                    : NewProfileWizard::tr("The database in %1 is encrypted with a key only your passphrase unlocks. "
                                           "Click Finish to start.")
                          .arg(QDir::toNativeSeparators(info.dir)));
            setBusy(false);
            return;
        }
        const Error& e = result.error();
        m_status->setText(NewProfileWizard::tr("The profile could not be created."));
        m_message->showError(e.message);
        const bool keychainProblem = m_protection == KeyProtection::Keychain
                                     && (e.code == ErrorCode::KeychainUnavailable || e.code == ErrorCode::KeychainDenied
                                         || e.code == ErrorCode::Unknown);
        m_retry->show();
        m_usePassphrase->setVisible(keychainProblem);
        setBusy(false);
        m_retry->setFocus();
    }

    NewProfileWizard* m_wizard;
    QLabel* m_status;
    QProgressBar* m_progress;
    MessageLabel* m_message;
    QPushButton* m_retry;
    QPushButton* m_usePassphrase;
    std::unique_ptr<Workspace> m_workspace;
    KeyProtection m_protection = KeyProtection::Keychain;
    bool m_busy = false;
    int m_generation = 0;
};

// ---------------------------------------------------------------------------------------------------

NewProfileWizard::NewProfileWizard(ProfileManager& manager, const QString& profilesRoot, const QString& presetDir,
                                   QWidget* parent)
    : QWizard(parent)
    , m_manager(manager)
    , m_root(profilesRoot.isEmpty() ? ProfileManager::defaultRoot() : profilesRoot)
    , m_presetDir(presetDir)
{
    setObjectName(QStringLiteral("newProfileWizard"));
    setWindowTitle(tr("New Outpost Profile"));
    setWindowIcon(applicationIcon());
#ifndef Q_OS_MACOS
    setWizardStyle(QWizard::ModernStyle);
#endif
    setPixmap(QWizard::LogoPixmap, themedIcon(QStringLiteral("outpost"), false).pixmap(QSize(48, 48)));
    setOption(QWizard::DisabledBackButtonOnLastPage);
    setOption(QWizard::NoBackButtonOnStartPage);

    m_namePage = new NewProfileNamePage(this);
    m_protectionPage = new NewProfileProtectionPage(this);
    m_createPage = new NewProfileCreatePage(this);
    setPage(NamePageId, m_namePage);
    setPage(ProtectionPageId, m_protectionPage);
    setPage(CreatePageId, m_createPage);
    setButtonText(QWizard::NextButton, tr("&Next"));
    setButtonText(QWizard::BackButton, tr("&Back"));
    setButtonText(QWizard::FinishButton, tr("&Finish"));
    setButtonText(QWizard::CancelButton, tr("Cancel"));
    m_protectionPage->setButtonText(QWizard::NextButton, tr("&Create Profile"));

    button(QWizard::NextButton)->setObjectName(QStringLiteral("wizardNextButton"));
    button(QWizard::BackButton)->setObjectName(QStringLiteral("wizardBackButton"));
    button(QWizard::FinishButton)->setObjectName(QStringLiteral("wizardFinishButton"));
    button(QWizard::CancelButton)->setObjectName(QStringLiteral("wizardCancelButton"));
    setMinimumSize(600, 440);
}

NewProfileWizard::~NewProfileWizard() = default;

std::unique_ptr<Workspace> NewProfileWizard::takeWorkspace()
{
    return m_createPage->takeWorkspace();
}

bool NewProfileWizard::isCreating() const
{
    return m_createPage->isBusy();
}

bool NewProfileWizard::hasCreated() const
{
    return m_createPage->hasWorkspace();
}

void NewProfileWizard::reject()
{
    if (isCreating())
        return; // the database is being written; Cancel is disabled meanwhile
    QWizard::reject();
}

QString NewProfileWizard::suggestedFolder(const QString& root, const QString& name)
{
    QString slug = name.trimmed().toLower();
    static const QRegularExpression unsafe(QStringLiteral("[^\\w]+"), QRegularExpression::UseUnicodePropertiesOption);
    slug.replace(unsafe, QStringLiteral("-"));
    while (slug.startsWith(QLatin1Char('-')))
        slug.remove(0, 1);
    while (slug.endsWith(QLatin1Char('-')))
        slug.chop(1);
    if (slug.isEmpty())
        slug = QStringLiteral("profile");
    slug.truncate(40);
    const QDir base(root);
    QString candidate = base.filePath(slug);
    for (int n = 2; n < 1000; ++n) {
        const QFileInfo fi(candidate);
        if (!fi.exists() || (fi.isDir() && QDir(candidate).isEmpty()))
            break;
        candidate = base.filePath(QStringLiteral("%1-%2").arg(slug).arg(n));
    }
    return QDir::toNativeSeparators(candidate);
}

} // namespace outpost
