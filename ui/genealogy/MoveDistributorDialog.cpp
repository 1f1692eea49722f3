#include "genealogy/MoveDistributorDialog.h"

#include "genealogy/DistributorSearchField.h"
#include "genealogy/GenealogyRepository.h"
#include "mutations/MutationEngine.h"
#include "widgets/MessageLabel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace outpost {

MoveDistributorDialog::MoveDistributorDialog(GenealogyRepository& repository, MutationEngine& mutations,
                                             const QString& distributorId, const QString& displayName,
                                             GenealogyTree tree, QWidget* parent)
    : QDialog(parent)
    , m_repository(repository)
    , m_mutations(mutations)
    , m_id(distributorId)
    , m_tree(new QComboBox(this))
    , m_parent(new DistributorSearchField(repository, this))
    , m_toTop(new QCheckBox(tr("Move to the top level (no parent)"), this))
    , m_date(new QDateEdit(QDate::currentDate(), this))
    , m_reason(new QPlainTextEdit(this))
    , m_message(new MessageLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Move %1").arg(displayName));
    m_tree->addItem(tr("Sponsor tree (re-sponsor)"), int(GenealogyTree::Sponsor));
    m_tree->addItem(tr("Placement tree (re-place)"), int(GenealogyTree::Placement));
    m_tree->setCurrentIndex(tree == GenealogyTree::Sponsor ? 0 : 1);
    m_parent->setObjectName(QStringLiteral("moveNewParent"));
    m_parent->setPlaceholderText(tr("Type a name to find the new parent"));
    m_reason->setObjectName(QStringLiteral("moveReason"));
    m_reason->setPlaceholderText(tr("Why this move is made; it is kept in the history."));
    m_reason->setTabChangesFocus(true);
    m_reason->setMinimumHeight(70);
    m_date->setCalendarPopup(true);
    m_date->setToolTip(tr("The day the move takes effect for volumes and commissions."));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Move"));

    auto* intro = new QLabel(tr("Moving %1 moves their whole downline with them.").arg(displayName), this);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("Tree:"), m_tree);
    form->addRow(tr("New parent:"), m_parent);
    form->addRow(QString(), m_toTop);
    form->addRow(tr("Effective date:"), m_date);
    form->addRow(tr("Reason:"), m_reason);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);

    connect(m_toTop, &QCheckBox::toggled, m_parent, &QWidget::setDisabled);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (submit())
            accept();
    });
    resize(480, sizeHint().height());
}

void MoveDistributorDialog::showProblem(const QString& text)
{
    m_message->showError(text);
    // A wrapped label gets one line from the layout unless it asks for more.
    const int width = layout()->contentsRect().width();
    m_message->setMinimumHeight(m_message->heightForWidth(width > 0 ? width : m_message->width()));
}

GenealogyTree MoveDistributorDialog::tree() const
{
    return GenealogyTree(m_tree->currentData().toInt());
}

bool MoveDistributorDialog::submit()
{
    QJsonValue newParent(QJsonValue::Null);
    if (!m_toTop->isChecked()) {
        if (m_parent->chosenRid() == 0) {
            showProblem(tr("Choose the new parent from the list that appears as you type, or tick "
                                    "\"Move to the top level\"."));
            return false;
        }
        auto parent = m_repository.findByRid(m_parent->chosenRid());
        if (!parent || !parent.value()) {
            showProblem(!parent ? parent.message()
                                         : tr("The chosen parent no longer exists. Choose another one."));
            return false;
        }
        newParent = parent.value()->id;
    }
    const qint64 effective = QDateTime(m_date->date(), QTime(0, 0)).toMSecsSinceEpoch();
    auto m = m_mutations.submit(QStringLiteral("distributor.move"),
                                QJsonObject{{QStringLiteral("id"), m_id},
                                            {QStringLiteral("tree"), genealogyTreeName(tree())},
                                            {QStringLiteral("newParentId"), newParent},
                                            {QStringLiteral("effectiveDate"), double(effective)},
                                            {QStringLiteral("reason"), m_reason->toPlainText()}});
    if (!m) {
        showProblem(m.message());
        return false;
    }
    return true;
}

} // namespace outpost
