#include "shell/LockScreen.h"

#include "theme/ThemedIcon.h"

#include <QEvent>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace outpost {

LockScreen::LockScreen(QWidget* parent)
    : QWidget(parent)
    , m_icon(new QLabel(this))
    , m_title(new QLabel(tr("Outpost is locked"), this))
    , m_text(new QLabel(this))
    , m_unlock(new QPushButton(tr("&Unlock…"), this))
{
    setObjectName(QStringLiteral("lockScreen"));
    m_unlock->setObjectName(QStringLiteral("lockScreenUnlockButton"));
    setAutoFillBackground(true);
    QFont f = m_title->font();
    f.setPointSizeF(f.pointSizeF() * 1.5);
    f.setBold(true);
    m_title->setFont(f);
    m_title->setAlignment(Qt::AlignHCenter);
    m_text->setAlignment(Qt::AlignHCenter);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_icon->setAlignment(Qt::AlignHCenter);
    updateIcon();

    auto* layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addWidget(m_icon);
    layout->addSpacing(8);
    layout->addWidget(m_title);
    layout->addWidget(m_text);
    layout->addSpacing(12);
    layout->addWidget(m_unlock, 0, Qt::AlignHCenter);
    layout->addStretch(3);

    connect(m_unlock, &QPushButton::clicked, this, &LockScreen::unlockRequested);
}

void LockScreen::setProfileName(const QString& name)
{
    m_text->setText(tr("The data of \u201c%1\u201d is closed and its key has left memory.").arg(name));
}

void LockScreen::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateIcon();
}

void LockScreen::updateIcon()
{
    m_icon->setPixmap(themedIcon(QStringLiteral("lock")).pixmap(QSize(64, 64), devicePixelRatioF()));
}

} // namespace outpost
