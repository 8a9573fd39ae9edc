//! A long people list for one group, as a large school's export would be: pupils and one
//! parent of each, every row valid and no two alike. Short values, so that 20,000 rows stay
//! under the 1 MiB a list may take. Shared by the tests and the bench.

const SURNAMES: [&str; 10] = ["Ким", "Пак", "Цой", "Ли", "Юн", "Хан", "Ан", "Лим", "Чен", "Го"];
const NAMES: [&str; 10] = ["Ян", "Лев", "Мир", "Ной", "Глеб", "Ия", "Ая", "Ева", "Зоя", "Яна"];

/// A comma-separated list of group `group` with `rows` rows after its header: pupils (ids
/// `s00000`, …, each with their own phone) in the even rows from 0, each followed by a parent
/// (`p00000`, …); row `r` (from 0) is line `r + 3` of the file.
pub fn long_list(group: &str, rows: usize) -> String {
    let mut text = format!("# invented: every person in group {group} is made up\nid,role,surname,name,patronymic,child,phone,email,council\n");
    for r in 0..rows {
        let pupil = r / 2;
        let (surname, name) = (SURNAMES[pupil % 10], NAMES[(pupil / 10) % 10]);
        if r % 2 == 0 {
            text.push_str(&format!("s{pupil:05},student,{surname},{name},,,+7900{pupil:07},,\n"));
        } else {
            text.push_str(&format!("p{pupil:05},parent,{surname},Ая,,s{pupil:05},,,\n"));
        }
    }
    text
}
