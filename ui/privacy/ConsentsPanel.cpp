#include "privacy/ConsentsPanel.h"

#include "mutations/MutationEngine.h"
#include "privacy/ConsentDialog.h"
#include "privacy/ConsentListModel.h"
#include "profile/Workspace.h"
#include "widgets/MessageLabel.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace outpost {

ConsentsPanel::ConsentsPanel(Workspace& workspace, QWidget* parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_model(new ConsentListModel(workspace.database(), this))
    , m_toggle(new QToolButton(this))
    , m_body(new QWidget(this))
    , m_table(new QTableView(m_body))
    , m_empty(new QLabel(tr("No consent is recorded for this contact."), m_body))
    , m_give(new QPushButton(tr("&Record…"), m_body))
    , m_edit(new QPushButton(tr("Ed&it…"), m_body))
    , m_withdraw(new QPushButton(tr("&Withdraw…"), m_body))
    , m_message(new MessageLabel(m_body))
{
    setObjectName(QStringLiteral("consentsPanel"));
    m_table->setObjectName(QStringLiteral("consentTable"));
    m_give->setObjectName(QStringLiteral("giveConsentButton"));
    m_edit->setObjectName(QStringLiteral("editConsentButton"));
    m_withdraw->setObjectName(QStringLiteral("withdrawConsentButton"));

    m_toggle->setObjectName(QStringLiteral("consentsToggle"));
    m_empty->setObjectName(QStringLiteral("consentsEmpty"));
    QFont bold = m_toggle->font();
    bold.setBold(true);
    m_toggle->setFont(bold);
    m_toggle->setCheckable(true);
    m_toggle->setChecked(true);
    m_toggle->setAutoRaise(true);
    m_toggle->setArrowType(Qt::DownArrow);
    m_toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toggle->setToolTip(tr("Show or hide the consents"));
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_empty->setWordWrap(true);
    connect(m_toggle, &QToolButton::toggled, this, [this](bool open) {
        m_body->setVisible(open);
        m_toggle->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
    });

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    // The detail panel is narrow: purpose and state; the rest is in each row's tooltip.
    for (int column : {ConsentListModel::Source, ConsentListModel::Given, ConsentListModel::Expires})
        m_table->setColumnHidden(column, true);
    m_table->horizontalHeader()->setSectionResizeMode(ConsentListModel::Purpose, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(ConsentListModel::State, QHeaderView::ResizeToContents);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setWordWrap(false);
    m_table->setMinimumHeight(110);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_give);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_withdraw);
    buttons->addStretch(1);
    auto* body = new QVBoxLayout(m_body);
    body->setContentsMargins(0, 0, 0, 0);
    body->addWidget(m_table);
    body->addWidget(m_empty);
    body->addLayout(buttons);
    body->addWidget(m_message);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_toggle, 0, Qt::AlignLeft);
    layout->addWidget(m_body);

    connect(m_give, &QPushButton::clicked, this, &ConsentsPanel::giveConsent);
    connect(m_edit, &QPushButton::clicked, this, &ConsentsPanel::editConsent);
    connect(m_withdraw, &QPushButton::clicked, this, &ConsentsPanel::withdrawConsent);
    connect(m_table, &QTableView::doubleClicked, this, &ConsentsPanel::editConsent);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ConsentsPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ConsentsPanel::updateButtons);
    connect(&workspace.mutations(), &MutationEngine::changed, this, &ConsentsPanel::onChanged);
    updateButtons();
}

void ConsentsPanel::setContact(const QString& contactId)
{
    if (contactId == m_model->contactId())
        return;
    m_message->clearMessage();
    if (Status s = m_model->load(contactId, QDateTime::currentMSecsSinceEpoch()); !s)
        m_message->showError(tr("The consents could not be read: %1").arg(s.message()));
}

void ConsentsPanel::reload()
{
    const int row = m_table->currentIndex().row();
    const QString selected = m_model->consentAt(row) ? m_model->consentAt(row)->id : QString();
    if (Status s = m_model->load(m_model->contactId(), QDateTime::currentMSecsSinceEpoch()); !s)
        m_message->showError(tr("The consents could not be read: %1").arg(s.message()));
    for (int r = 0; r < m_model->rowCount(); ++r) {
        if (m_model->consentAt(r)->id == selected)
            m_table->selectRow(r);
    }
}

void ConsentsPanel::onChanged(const EntityChanges& changes)
{
    for (const EntityChange& c : changes) {
        if (c.entity == QLatin1String("consent") || (c.entity == QLatin1String("contact") && c.id.isEmpty())) {
            reload();
            return;
        }
    }
}

void ConsentsPanel::updateButtons()
{
    const Consent* c = m_model->consentAt(m_table->currentIndex().row());
    const bool selected = m_table->selectionModel()->hasSelection() && c;
    m_give->setEnabled(!m_model->contactId().isEmpty());
    m_edit->setEnabled(selected);
    m_withdraw->setEnabled(selected && !c->withdrawnAt);
    const int n = m_model->rowCount();
    m_table->setVisible(n > 0);
    m_empty->setVisible(n == 0);
    m_toggle->setText(n > 0 ? tr("Consents (%1)").arg(n) : tr("Consents"));
}

void ConsentsPanel::giveConsent()
{
    auto* dialog = new ConsentDialog(m_workspace.mutations(), m_model->contactId(), std::nullopt,
                                     QDateTime::currentMSecsSinceEpoch(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void ConsentsPanel::editConsent()
{
    const Consent* c = m_model->consentAt(m_table->currentIndex().row());
    if (!c)
        return;
    auto* dialog = new ConsentDialog(m_workspace.mutations(), m_model->contactId(), *c,
                                     QDateTime::currentMSecsSinceEpoch(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void ConsentsPanel::withdrawConsent()
{
    const Consent* c = m_model->consentAt(m_table->currentIndex().row());
    if (!c || c->withdrawnAt)
        return;
    const QString id = c->id;
    auto* box = new QMessageBox(QMessageBox::Question, tr("Withdraw Consent"),
                                tr("Record that the person withdrew their consent to \u201c%1\u201d now?").arg(c->purpose),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("confirmWithdrawBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* withdraw = box->addButton(tr("&Withdraw"), QMessageBox::AcceptRole);
    box->setDefaultButton(box->addButton(QMessageBox::Cancel));
    connect(box, &QMessageBox::buttonClicked, this, [this, id, withdraw](QAbstractButton* clicked) {
        if (clicked != withdraw)
            return;
        auto r = m_workspace.mutations().submit(
            QStringLiteral("consent.withdraw"),
            QJsonObject{{QStringLiteral("id"), id},
                        {QStringLiteral("withdrawnAt"), double(QDateTime::currentMSecsSinceEpoch())}});
        if (!r)
            m_message->showError(r.message());
    });
    box->open();
}

} // namespace outpost
