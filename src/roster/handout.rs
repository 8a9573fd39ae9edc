//! Invite handouts (restricted): per group, a page per chat with its name, what it is for,
//! the chat rules in short, and the invite link as a QR code (qrcode crate) when known.

use anyhow::{anyhow, Result};
use qrcode::{Color, EcLevel, QrCode};
use serde_json::{json, Value};

use super::ChatRoster;
use crate::backend::{pdf, Artifact};
use crate::model::{Audience, Institution};
use crate::render::Vocabulary;

/// The handout of every group that has a people list: `restricted/rosters/handouts/<group>.pdf`.
pub fn render_handouts(inst: &Institution, vocabulary: &Vocabulary, rosters: &[ChatRoster], epoch: Option<i64>) -> Result<Vec<Artifact>> {
    let mut out = Vec::new();
    for list in &inst.people {
        let Some(group) = inst.chats.groups.iter().find(|g| g.id == list.group) else { continue };
        let chats: Vec<Value> = rosters
            .iter()
            .filter(|r| r.chat.group.as_deref() == Some(group.id.as_str()) && r.chat.audience != Audience::GroupTeachers)
            .map(|r| chat_page(inst, vocabulary, r))
            .collect::<Result<_>>()?;
        let data = json!({
            "title": format!("Приглашения в чаты: {}", group.name),
            "institution": inst.info.name.full.nom,
            "inviter_label": "Приглашает",
            "rules_heading": "Правила чата коротко",
            "how_to_join": format!("Наведите камеру телефона на QR-код или откройте ссылку: чат откроется в {}. Не пересылайте ссылку тем, кого нет в списке чата.", vocabulary.messenger(inst.info.messenger, "prep")),
            "no_link": "Ссылка-приглашение для этого чата ещё не создана: её пришлёт тот, кто приглашает, или администратор.",
            "chats": chats,
        });
        let ident = format!("{}/handout-{}", inst.id(), group.id);
        let path = format!("restricted/rosters/handouts/{}.pdf", group.id).into();
        let date = super::workbook_date(inst);
        out.push(pdf::render_handout(&data, path, &ident, date, epoch)?);
    }
    Ok(out)
}

fn chat_page(inst: &Institution, vocabulary: &Vocabulary, r: &ChatRoster) -> Result<Value> {
    let purpose = match (r.chat.audience, &r.chat.subject) {
        (_, Some(subject)) => format!("Чат по предмету «{subject}»: материалы, задания, консультации и онлайн-уроки."),
        (Audience::GroupParents, _) => "Чат для родителей (законных представителей): объявления, организационные вопросы, родительские собрания.".to_string(),
        _ => "Чат для обучающихся: расписание, объявления, мероприятия и другие организационные вопросы.".to_string(),
    };
    let qr = match &r.link {
        Some(link) => Some(qr_runs(&link.url)?),
        None => None,
    };
    Ok(json!({
        "name": r.chat.name,
        "purpose": purpose,
        "inviter": r.inviter_name,
        "rules": rules_summary(inst, vocabulary),
        "link": r.link.as_ref().map(|l| l.url.clone()),
        "qr": qr,
    }))
}

/// The chat rules of rules.yaml in a few lines.
fn rules_summary(inst: &Institution, vocabulary: &Vocabulary) -> Vec<String> {
    let mut rules = vec![
        "Пишите вежливо и по делу: чат нужен для быстрой организационной связи.".to_string(),
        "Не публикуйте чужие персональные данные (телефоны, адреса, фотографии) без согласия.".to_string(),
    ];
    if let Some(q) = &inst.rules.quiet_hours {
        rules.push(format!("Не отправляйте сообщения с {} до {} {}, кроме срочных случаев.", q.from, q.to, vocabulary.local_time(&inst.info.time_zone)));
    }
    if let Some(m) = &inst.rules.moderation {
        let (times, period) = (crate::grammar::times_genitive(m.restrict_after), crate::grammar::period_genitive(m.restrict_max_days));
        rules.push(format!(
            "Модератор — создатель чата: он удаляет сообщения, нарушающие правила, а участнику, нарушившему их более {times}, может, предупредив его, временно, до {period}, ограничить отправку сообщений."
        ));
    }
    rules.push("Полные правила чата выдаёт модератор перед добавлением в чат.".to_string());
    rules
}

/// The QR code of `text` as dark runs `{size, runs: [[row, column, length]…]}`, so the layout
/// draws one rectangle per run and scanners see no seams between modules.
fn qr_runs(text: &str) -> Result<Value> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).map_err(|e| anyhow!("QR code of an invite link: {e}"))?;
    let size = code.width();
    let colors = code.to_colors();
    let mut runs = Vec::new();
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if colors[y * size + x] == Color::Dark {
                let start = x;
                while x < size && colors[y * size + x] == Color::Dark {
                    x += 1;
                }
                runs.push([y, start, x - start]);
            } else {
                x += 1;
            }
        }
    }
    Ok(json!({ "size": size, "runs": runs }))
}
