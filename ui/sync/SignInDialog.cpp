#include "sync/SignInDialog.h"

#include "client/SyncClient.h"
#include "client/SyncServerApi.h"
#include "theme/ThemedIcon.h"
#include "widgets/MessageLabel.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSysInfo>
#include <QVBoxLayout>

namespace outpost {

SignInDialog::SignInDialog(SyncClient& client, const SyncAccount& preset, QWidget* parent)
    : QDialog(parent)
    , m_client(client)
    , m_api(new SyncServerApi(this))
    , m_account(preset)
    , m_pinnedPem(preset.certificatePem)
    , m_server(new QLineEdit(this))
    , m_team(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_totp(new QLineEdit(this))
    , m_device(new QLineEdit(this))
    , m_trustPanel(new QWidget(this))
    , m_trustText(new MessageLabel(m_trustPanel))
    , m_fingerprint(new QLabel(m_trustPanel))
    , m_trustButton(new QPushButton(tr("&Trust This Certificate"), m_trustPanel))
    , m_distrustButton(new QPushButton(tr("&Don't Trust"), m_trustPanel))
    , m_message(new MessageLabel(this))
    , m_busyRow(new QWidget(this))
    , m_busyLabel(new QLabel(m_busyRow))
    , m_progress(new QProgressBar(m_busyRow))
    , m_signInButton(new QPushButton(tr("&Sign In"), this))
    , m_cancelButton(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("signInDialog"));
    setWindowTitle(tr("Sign In to a Team Server"));
    m_server->setObjectName(QStringLiteral("signInServerEdit"));
    m_team->setObjectName(QStringLiteral("signInTeamEdit"));
    m_user->setObjectName(QStringLiteral("signInUserEdit"));
    m_password->setObjectName(QStringLiteral("signInPasswordEdit"));
    m_totp->setObjectName(QStringLiteral("signInTotpEdit"));
    m_device->setObjectName(QStringLiteral("signInDeviceEdit"));
    m_trustPanel->setObjectName(QStringLiteral("signInTrustPanel"));
    m_fingerprint->setObjectName(QStringLiteral("signInFingerprint"));
    m_trustButton->setObjectName(QStringLiteral("signInTrustButton"));
    m_distrustButton->setObjectName(QStringLiteral("signInDistrustButton"));
    m_message->setObjectName(QStringLiteral("signInMessage"));
    m_busyLabel->setObjectName(QStringLiteral("signInStatus"));
    m_signInButton->setObjectName(QStringLiteral("signInButton"));
    m_cancelButton->setObjectName(QStringLiteral("signInCancelButton"));

    // Header, like the unlock dialog's: logo, title, one line of explanation.
    auto* logo = new QLabel(this);
    logo->setPixmap(themedIcon(QStringLiteral("outpost"), false).pixmap(QSize(48, 48)));
    logo->setAlignment(Qt::AlignTop);
    auto* title = new QLabel(tr("Sign in to your team"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setBold(true);
    title->setFont(titleFont);
    auto* subtitle = new QLabel(tr("Outpost keeps working offline and syncs this profile with your team's server "
                                   "whenever it can reach it. Your administrator gives you the address and your "
                                   "user name."),
                                this);
    subtitle->setWordWrap(true);
    auto* headerText = new QVBoxLayout;
    headerText->setSpacing(2);
    headerText->addWidget(title);
    headerText->addWidget(subtitle);
    auto* header = new QHBoxLayout;
    header->setSpacing(14);
    header->addWidget(logo);
    header->addLayout(headerText, 1);

    m_server->setPlaceholderText(tr("https://sync.example.org:8443"));
    m_server->setText(preset.serverUrl.toString());
    m_team->setText(preset.team);
    m_user->setText(preset.userName);
    m_password->setEchoMode(QLineEdit::Password);
    m_totp->setPlaceholderText(tr("The 6 digits your authenticator app shows"));
    m_totp->setMaxLength(10);
    m_totp->setInputMethodHints(Qt::ImhDigitsOnly);
    m_device->setText(!preset.deviceName.isEmpty() ? preset.deviceName : QSysInfo::machineHostName());
    m_device->setMaxLength(100);

    auto* form = m_form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Ser&ver:"), m_server);
    form->addRow(tr("T&eam:"), m_team);
    form->addRow(tr("&User name:"), m_user);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("Authenticator &code:"), m_totp);
    form->addRow(tr("This &device:"), m_device);
    // Asked for only when the server says the account needs it (a 401 "totp_required").
    form->setRowVisible(m_totp, false);

    // The certificate question, shown in place when the server's certificate needs the user's decision.
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_fingerprint->setFont(mono);
    m_fingerprint->setWordWrap(true);
    m_fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* trustButtons = new QHBoxLayout;
    trustButtons->addStretch(1);
    trustButtons->addWidget(m_distrustButton);
    trustButtons->addWidget(m_trustButton);
    auto* trustLayout = new QVBoxLayout(m_trustPanel);
    trustLayout->setContentsMargins(0, 0, 0, 0);
    trustLayout->addWidget(m_trustText);
    trustLayout->addWidget(m_fingerprint);
    trustLayout->addLayout(trustButtons);
    m_trustPanel->hide();
    connect(m_trustButton, &QPushButton::clicked, this, &SignInDialog::trustAccepted);
    connect(m_distrustButton, &QPushButton::clicked, this, [this] {
        m_trustPanel->hide();
        m_pendingCertificate = QSslCertificate();
        setBusy(false);
        fail(tr("Not signed in: the server's certificate was not trusted. Ask your administrator for the "
                "fingerprint of the server's certificate, or for a certificate from a trusted authority."));
    });

    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(m_busyLabel->sizeHint().height());
    auto* busyLayout = new QHBoxLayout(m_busyRow);
    busyLayout->setContentsMargins(0, 0, 0, 0);
    busyLayout->addWidget(m_busyLabel);
    busyLayout->addWidget(m_progress, 1);
    m_busyRow->hide();

    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_signInButton, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_cancelButton, QDialogButtonBox::RejectRole);
    m_signInButton->setDefault(true);
    m_signInButton->setAutoDefault(true);
    connect(m_signInButton, &QPushButton::clicked, this, &SignInDialog::startSignIn);
    connect(m_cancelButton, &QPushButton::clicked, this, &SignInDialog::reject);
    for (QLineEdit* e : {m_server, m_team, m_user, m_password, m_totp, m_device})
        connect(e, &QLineEdit::textEdited, this, [this] {
            if (m_message->kind() == MessageLabel::Kind::Error)
                m_message->clearMessage();
        });

    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    layout->addLayout(header);
    layout->addSpacing(6);
    layout->addLayout(form);
    layout->addWidget(m_trustPanel);
    layout->addWidget(m_message);
    layout->addWidget(m_busyRow);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(520);

    for (QLineEdit* e : {m_server, m_team, m_user, m_password})
        if (e->text().isEmpty()) {
            e->setFocus();
            break;
        }
}

SignInDialog::~SignInDialog()
{
    for (const auto& c : std::as_const(m_clientConnections))
        disconnect(c);
}

QUrl SignInDialog::normalisedUrl(QString* problem) const
{
    QString text = m_server->text().trimmed();
    if (text.isEmpty()) {
        *problem = tr("Enter the server's address, such as https://sync.example.org:8443.");
        return {};
    }
    if (!text.contains(QLatin1String("://")))
        text.prepend(QStringLiteral("https://"));
    QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) {
        *problem = tr("\"%1\" is not a server address. Enter one such as https://sync.example.org:8443.")
                       .arg(m_server->text().trimmed());
        return {};
    }
    const QString scheme = url.scheme().toLower();
    const QHostAddress host(url.host());
    const bool loopback = url.host() == QLatin1String("localhost") || (!host.isNull() && host.isLoopback());
    if (scheme != QLatin1String("https") && !(scheme == QLatin1String("http") && loopback)) {
        *problem = tr("Use an https:// address: the password and your team's data must travel encrypted.");
        return {};
    }
    url.setPath(QString());
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

void SignInDialog::setBusy(bool busy, const QString& what)
{
    m_busy = busy;
    for (QLineEdit* e : {m_server, m_team, m_user, m_password, m_totp, m_device})
        e->setEnabled(!busy);
    m_signInButton->setEnabled(!busy);
    m_busyLabel->setText(what);
    m_busyRow->setVisible(busy && !what.isEmpty());
}

void SignInDialog::growToFit()
{
    // Wrapped messages and the certificate panel need more height than the empty form had.
    layout()->activate();
    const int needed = layout()->totalHeightForWidth(width());
    if (needed > height())
        resize(width(), needed);
}

void SignInDialog::fail(const QString& message, QWidget* focus)
{
    setBusy(false);
    m_message->showError(message);
    growToFit();
    if (focus)
        focus->setFocus();
}

void SignInDialog::startSignIn()
{
    m_message->clearMessage();
    m_trustPanel->hide();
    QString problem;
    const QUrl url = normalisedUrl(&problem);
    if (!url.isValid())
        return fail(problem, m_server);
    if (m_team->text().trimmed().isEmpty())
        return fail(tr("Enter your team's name."), m_team);
    if (m_user->text().trimmed().isEmpty())
        return fail(tr("Enter your user name."), m_user);
    if (m_password->text().isEmpty())
        return fail(tr("Enter your password."), m_password);
    const QString totp = m_totp->text().trimmed();
    if (!totp.isEmpty() && (totp.size() < 6 || !std::all_of(totp.begin(), totp.end(), [](QChar c) { return c.isDigit(); })))
        return fail(tr("The authenticator code is the 6 digits your authenticator app shows."), m_totp);
    if (m_device->text().trimmed().isEmpty())
        m_device->setText(QSysInfo::machineHostName());

    // A pin from an earlier sign-in to the same server stays in force; another server starts afresh.
    if (m_account.serverUrl.adjusted(QUrl::StripTrailingSlash) != url.adjusted(QUrl::StripTrailingSlash))
        m_pinnedPem.clear();
    m_account.serverUrl = url;
    m_account.team = m_team->text().trimmed();
    m_account.userName = m_user->text().trimmed();
    m_account.deviceName = m_device->text().trimmed();
    m_account.certificatePem = m_pinnedPem;

    setBusy(true, tr("Contacting %1…").arg(url.host()));
    m_api->setServer(url, m_account.pinnedCertificates());
    m_api->probe([this](const SyncServerApi::Probe& p) {
        probed(p.reached, p.trusted, p.certificate, SyncServerApi::onlyUntrustedIssuer(p.sslErrors), p.error);
    });
}

void SignInDialog::probed(bool reached, bool trusted, const QSslCertificate& certificate, bool onlyIssuerProblem,
                          const QString& error)
{
    if (trusted)
        return sendCredentials();
    if (!reached)
        return fail(error.isEmpty() ? tr("Cannot reach the server.") : error, m_server);
    if (certificate.isNull() || !onlyIssuerProblem)
        return fail(tr("The server's certificate cannot be used: %1 Check the address (the certificate must name "
                       "this host) or ask your administrator.")
                        .arg(error),
                    m_server);
    askTrust(certificate, !m_pinnedPem.isEmpty());
}

void SignInDialog::askTrust(const QSslCertificate& certificate, bool changed)
{
    m_pendingCertificate = certificate;
    setBusy(true);
    const QString subject = certificate.subjectInfo(QSslCertificate::CommonName).join(QStringLiteral(", "));
    if (changed)
        m_trustText->showMessage(
            MessageLabel::Kind::Error,
            tr("The server's certificate has CHANGED since this profile last trusted it. This happens when the "
               "server got a new certificate — or when someone is intercepting the connection. Trust the new "
               "certificate only if your administrator confirms this fingerprint:"));
    else
        m_trustText->showMessage(
            MessageLabel::Kind::Warning,
            tr("This computer does not know who issued the server's certificate \"%1\" (a self-signed "
               "certificate, usual for a team's own server). Compare its fingerprint with the one your "
               "administrator gave you (outpost-server cert prints it) and trust it only if they match:")
                .arg(subject.isEmpty() ? m_account.serverUrl.host() : subject));
    m_fingerprint->setText(tr("SHA-256 %1").arg(SyncServerApi::fingerprint(certificate)));
    m_trustPanel->show();
    m_trustButton->setFocus();
    growToFit();
}

void SignInDialog::trustAccepted()
{
    if (m_pendingCertificate.isNull())
        return;
    m_account.certificatePem = m_pendingCertificate.toPem();
    m_pinnedPem = m_account.certificatePem; // trusted now: a second attempt (wrong password) does not ask again
    m_pendingCertificate = QSslCertificate();
    m_trustPanel->hide();
    sendCredentials();
}

void SignInDialog::sendCredentials()
{
    setBusy(true, tr("Signing in as %1…").arg(m_account.userName));
    for (const auto& c : std::as_const(m_clientConnections))
        disconnect(c);
    m_clientConnections.clear();
    m_clientConnections << connect(&m_client, &SyncClient::signedIn, this, [this](const wire::Session& session) {
        for (const auto& c : std::as_const(m_clientConnections))
            disconnect(c);
        m_clientConnections.clear();
        m_account.userId = session.userId;
        m_account.role = session.role;
        m_account.teamId = session.teamId;
        if (!session.userName.isEmpty())
            m_account.userName = session.userName;
        setBusy(false);
        accept();
    });
    m_clientConnections << connect(&m_client, &SyncClient::signInFailed, this, [this](const QString& message) {
        for (const auto& c : std::as_const(m_clientConnections))
            disconnect(c);
        m_clientConnections.clear();
        m_password->selectAll();
        m_totp->selectAll();
        fail(message, m_totp->text().isEmpty() ? static_cast<QWidget*>(m_password) : m_totp);
    });
    m_clientConnections << connect(&m_client, &SyncClient::secondFactorRequired, this, [this] {
        for (const auto& c : std::as_const(m_clientConnections))
            disconnect(c);
        m_clientConnections.clear();
        setBusy(false);
        m_form->setRowVisible(m_totp, true);
        m_message->showMessage(MessageLabel::Kind::Info,
                               tr("Your account uses two-factor authentication: enter the code your authenticator "
                                  "app shows, then sign in."));
        growToFit();
        m_totp->setFocus();
    });
    m_client.setServer(m_account.serverUrl, m_account.pinnedCertificates());
    m_client.signIn(m_account.team, m_account.userName, m_password->text(), m_totp->text().trimmed(),
                    m_account.deviceName);
}

void SignInDialog::reject()
{
    // A sign-in on its way is abandoned: its answer is ignored (the caller discards the client).
    m_api->abort();
    for (const auto& c : std::as_const(m_clientConnections))
        disconnect(c);
    m_clientConnections.clear();
    setBusy(false);
    QDialog::reject();
}

} // namespace outpost
