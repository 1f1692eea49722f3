#include "customfields/CustomFieldsPage.h"

#include "client/SyncAccount.h"
#include "customfields/CustomFieldDialog.h"
#include "customfields/CustomFieldListModel.h"
#include "mutations/MutationEngine.h"
#include "profile/Workspace.h"
#include "theme/ThemedIcon.h"
#include "widgets/MessageLabel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace outpost {

CustomFieldsPage::CustomFieldsPage(Workspace& workspace, QWidget* parent)
    : Page(parent)
    , m_workspace(workspace)
    , m_entity(new QComboBox(this))
    , m_model(new CustomFieldListModel(workspace.database(), QStringLiteral("contact"), this))
    , m_table(new QTableView(this))
    , m_message(new MessageLabel(this))
    , m_new(new QPushButton(themedIcon(QStringLiteral("add")), tr("&New Field…"), this))
    , m_edit(new QPushButton(themedIcon(QStringLiteral("edit")), tr("&Edit…"), this))
    , m_retire(new QPushButton(themedIcon(QStringLiteral("delete")), tr("&Retire…"), this))
{
    setObjectName(QStringLiteral("customFieldsPage"));
    m_entity->setObjectName(QStringLiteral("entityCombo"));
    m_table->setObjectName(QStringLiteral("customFieldTable"));
    m_message->setObjectName(QStringLiteral("customFieldMessage"));
    m_new->setObjectName(QStringLiteral("newFieldButton"));
    m_edit->setObjectName(QStringLiteral("editFieldButton"));
    m_retire->setObjectName(QStringLiteral("retireFieldButton"));
    m_entity->addItem(tr("Contact fields"), QStringLiteral("contact"));
    m_entity->addItem(tr("Company fields"), QStringLiteral("company"));

    // Only owners and admins define fields for a team (the server's permission matrix says the same).
    auto account = SyncAccount::load(workspace.database());
    if (account && account->isConfigured() && account->role != QLatin1String("owner")
        && account->role != QLatin1String("admin")) {
        m_mayDefine = false;
        m_message->showMessage(MessageLabel::Kind::Info,
                               tr("Only the team's owners and admins define custom fields; your role is %1.")
                                   .arg(account->role));
    }

    auto* intro = new QLabel(tr("Fields your team adds to contacts and companies. A retired field keeps the values "
                                "already entered but is no longer shown or filled in."),
                             this);
    intro->setWordWrap(true);
    intro->setForegroundRole(QPalette::PlaceholderText);
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_entity);
    bar->addStretch(1);
    bar->addWidget(m_new);
    bar->addWidget(m_edit);
    bar->addWidget(m_retire);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->resizeSection(CustomFieldListModel::LabelColumn, 200);
    m_table->horizontalHeader()->resizeSection(CustomFieldListModel::KeyColumn, 140);
    m_table->horizontalHeader()->resizeSection(CustomFieldListModel::TypeColumn, 130);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->addWidget(intro);
    layout->addLayout(bar);
    layout->addWidget(m_message);
    layout->addWidget(m_table, 1);

    connect(m_entity, &QComboBox::currentIndexChanged, this, [this] {
        m_model->setEntity(m_entity->currentData().toString());
        updateButtons();
    });
    connect(m_new, &QPushButton::clicked, this, &CustomFieldsPage::newField);
    connect(m_edit, &QPushButton::clicked, this, &CustomFieldsPage::editSelected);
    connect(m_retire, &QPushButton::clicked, this, &CustomFieldsPage::retireSelected);
    connect(m_table, &QTableView::activated, this, &CustomFieldsPage::editSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &CustomFieldsPage::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &CustomFieldsPage::updateButtons);
    connect(m_model, &CustomFieldListModel::loadFailed, m_message, &MessageLabel::showError);
    connect(&workspace.mutations(), &MutationEngine::changed, m_model, &CustomFieldListModel::onEntitiesChanged);
    updateButtons();
}

void CustomFieldsPage::updateButtons()
{
    const CustomField* f = m_model->fieldAt(m_table->currentIndex().row());
    m_new->setEnabled(m_mayDefine);
    m_edit->setEnabled(m_mayDefine && f && !f->retired);
    m_retire->setEnabled(m_mayDefine && f && !f->retired);
}

void CustomFieldsPage::newField()
{
    if (!m_mayDefine)
        return;
    auto* dialog = new CustomFieldDialog(m_workspace.mutations(), m_model->entity(), nullptr, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void CustomFieldsPage::editSelected()
{
    const CustomField* f = m_model->fieldAt(m_table->currentIndex().row());
    if (!m_mayDefine || !f || f->retired)
        return;
    auto* dialog = new CustomFieldDialog(m_workspace.mutations(), m_model->entity(), f, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void CustomFieldsPage::retireSelected()
{
    const CustomField* f = m_model->fieldAt(m_table->currentIndex().row());
    if (!m_mayDefine || !f || f->retired)
        return;
    const QString id = f->id;
    auto* box = new QMessageBox(QMessageBox::Question, tr("Retire Field"), tr("Retire \u201c%1\u201d?").arg(f->label),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("confirmRetireBox"));
    box->setInformativeText(tr("The values already entered are kept, but the field is no longer shown or filled in."));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* retire = box->addButton(tr("&Retire"), QMessageBox::DestructiveRole);
    retire->setObjectName(QStringLiteral("confirmRetireButton"));
    box->setDefaultButton(box->addButton(QMessageBox::Cancel));
    connect(box, &QMessageBox::buttonClicked, this, [this, id, retire](QAbstractButton* clicked) {
        if (clicked != retire)
            return;
        auto result = m_workspace.mutations().submit(QStringLiteral("customfield.retire"), QJsonObject{{QStringLiteral("id"), id}});
        if (!result)
            m_message->showError(tr("The field was not retired: %1").arg(result.message()));
    });
    box->open();
}

} // namespace outpost
