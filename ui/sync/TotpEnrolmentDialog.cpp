#include "sync/TotpEnrolmentDialog.h"

#include "sync/QrCodeWidget.h"
#include "client/SyncServerApi.h"
#include "widgets/MessageLabel.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace outpost {

namespace {
// "JBSW Y3DP EHPK 3PXP": groups of four are easier to type from the screen.
QString grouped(const QString& secret)
{
    QStringList parts;
    for (qsizetype i = 0; i < secret.size(); i += 4)
        parts << secret.mid(i, 4);
    return parts.join(QLatin1Char(' '));
}
} // namespace

TotpEnrolmentDialog::TotpEnrolmentDialog(const QUrl& server, const QList<QSslCertificate>& pinned,
                                         const QString& accessToken, QWidget* parent)
    : QDialog(parent)
    , m_api(new SyncServerApi(this))
    , m_stack(new QStackedWidget(this))
    , m_loading(new QLabel(tr("Asking the server for a new secret…"), this))
    , m_qr(new QrCodeWidget(this))
    , m_secretLabel(new QLabel(this))
    , m_code(new QLineEdit(this))
    , m_message(new MessageLabel(this))
    , m_confirm(new QPushButton(tr("&Turn On"), this))
    , m_close(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("totpEnrolmentDialog"));
    setWindowTitle(tr("Set Up Two-Factor Authentication"));
    m_api->setServer(server, pinned);
    m_api->setAccessToken(accessToken);
    m_qr->setObjectName(QStringLiteral("totpQrCode"));
    m_secretLabel->setObjectName(QStringLiteral("totpSecret"));
    m_code->setObjectName(QStringLiteral("totpCodeEdit"));
    m_message->setObjectName(QStringLiteral("totpMessage"));
    m_confirm->setObjectName(QStringLiteral("totpConfirmButton"));
    m_close->setObjectName(QStringLiteral("totpCloseButton"));

    auto* intro = new QLabel(tr("After this, signing in to the team server needs your password and a 6-digit code "
                                "from an authenticator app on your phone (such as FreeOTP, Aegis, Google "
                                "Authenticator or 1Password)."),
                             this);
    intro->setWordWrap(true);

    m_loading->setAlignment(Qt::AlignCenter);
    auto* setup = new QWidget(this);
    auto* steps = new QVBoxLayout;
    auto* step1 = new QLabel(tr("1. In the app, add an account and scan this code."), setup);
    step1->setWordWrap(true);
    auto* step2 = new QLabel(tr("If you cannot scan it, enter this key by hand (time-based, 6 digits, 30 seconds):"),
                             setup);
    step2->setWordWrap(true);
    m_secretLabel->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_secretLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_secretLabel->setWordWrap(true);
    auto* step3 = new QLabel(tr("2. Enter the code the app shows now:"), setup);
    step3->setWordWrap(true);
    m_code->setMaxLength(8);
    m_code->setPlaceholderText(tr("123456"));
    m_code->setInputMethodHints(Qt::ImhDigitsOnly);
    steps->addWidget(step1);
    steps->addWidget(step2);
    steps->addWidget(m_secretLabel);
    steps->addSpacing(8);
    steps->addWidget(step3);
    steps->addWidget(m_code);
    steps->addStretch(1);
    auto* setupLayout = new QHBoxLayout(setup);
    setupLayout->setContentsMargins(0, 0, 0, 0);
    setupLayout->setSpacing(16);
    setupLayout->addWidget(m_qr, 0, Qt::AlignTop);
    setupLayout->addLayout(steps, 1);
    m_stack->addWidget(m_loading);
    m_stack->addWidget(setup);

    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_confirm, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_close, QDialogButtonBox::RejectRole);
    m_confirm->setEnabled(false);
    m_confirm->setDefault(true);
    connect(m_confirm, &QPushButton::clicked, this, &TotpEnrolmentDialog::confirm);
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_code, &QLineEdit::textChanged, this, [this](const QString& t) {
        m_confirm->setEnabled(!m_secret.isEmpty() && t.trimmed().size() >= 6 && !m_api->isBusy());
    });

    auto* layout = new QVBoxLayout(this);
    layout->setSpacing(10);
    layout->addWidget(intro);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    setMinimumWidth(600);

    QTimer::singleShot(0, this, &TotpEnrolmentDialog::begin);
}

void TotpEnrolmentDialog::begin()
{
    if (m_api->isBusy() || !m_secret.isEmpty())
        return;
    m_message->clearMessage();
    m_api->post(QStringLiteral("/v1/auth/totp/enrol"), {}, [this](const QJsonObject& json, const QString& error) {
        if (!error.isEmpty()) {
            m_loading->setText(tr("Two-factor authentication could not be set up."));
            m_message->showError(error);
            return;
        }
        m_secret = json.value(QStringLiteral("secret")).toString();
        m_uri = json.value(QStringLiteral("uri")).toString();
        if (m_secret.isEmpty() || !m_uri.startsWith(QLatin1String("otpauth://"))) {
            m_message->showError(tr("The server sent an unexpected answer. Try again later."));
            return;
        }
        m_qr->setText(m_uri);
        m_qr->setToolTip(m_uri);
        m_secretLabel->setText(grouped(m_secret));
        m_stack->setCurrentIndex(1);
        m_code->setFocus();
    });
}

void TotpEnrolmentDialog::confirm()
{
    const QString code = m_code->text().trimmed();
    m_confirm->setEnabled(false);
    m_message->showMessage(MessageLabel::Kind::Info, tr("Checking the code…"));
    m_api->post(QStringLiteral("/v1/auth/totp/confirm"), QJsonObject{{QStringLiteral("code"), code}},
                [this](const QJsonObject&, const QString& error) {
                    if (!error.isEmpty()) {
                        m_message->showError(error);
                        m_confirm->setEnabled(true);
                        m_code->selectAll();
                        m_code->setFocus();
                        return;
                    }
                    m_message->showMessage(MessageLabel::Kind::Success,
                                           tr("Two-factor authentication is on. From now on, sign in with your "
                                              "password and a code from the app."));
                    m_confirm->hide();
                    m_code->setEnabled(false);
                    m_close->setText(tr("Close"));
                    m_close->setObjectName(QStringLiteral("totpCloseButton"));
                    disconnect(m_close, nullptr, this, nullptr);
                    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);
                });
}

} // namespace outpost
