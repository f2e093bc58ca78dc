/** Address and health-facility patterns for the demo population (streets, hamlets, hospitals). */
import type { Random } from "./random.js";

function words(text: string): string[] {
  return text.split("|");
}

/** Broad regions, for address styles (ngõ in the north, kiệt in Huế/Đà Nẵng, hẻm and ấp in the south). */
export type Region = "north" | "uplands" | "central" | "highlands" | "south";
const REGIONS: Record<string, Region> = {
  "01": "north",
  "22": "north",
  "24": "north",
  "25": "north",
  "31": "north",
  "33": "north",
  "37": "north",
  "04": "uplands",
  "08": "uplands",
  "11": "uplands",
  "12": "uplands",
  "14": "uplands",
  "15": "uplands",
  "19": "uplands",
  "20": "uplands",
  "38": "central",
  "40": "central",
  "42": "central",
  "44": "central",
  "46": "central",
  "48": "central",
  "51": "central",
  "56": "central",
  "52": "highlands",
  "66": "highlands",
  "68": "highlands",
  "75": "south",
  "79": "south",
  "80": "south",
  "82": "south",
  "86": "south",
  "91": "south",
  "92": "south",
  "96": "south",
};

export function regionOf(provinceCode: string): Region {
  return REGIONS[provinceCode] ?? "central";
}

/** Streets named after national figures and events: found in almost every town. */
export const STREETS = words(
  "Trần Phú|Lê Lợi|Nguyễn Huệ|Hai Bà Trưng|Lý Thường Kiệt|Quang Trung|Nguyễn Trãi|Lê Duẩn|Hùng Vương|Điện Biên Phủ|Bạch Đằng|Phan Chu Trinh|Phan Bội Châu|Trần Hưng Đạo|Nguyễn Văn Linh|Lê Thánh Tông|Ngô Quyền|Hoàng Diệu|Nguyễn Du|Võ Thị Sáu|Nguyễn Thị Minh Khai|Lê Hồng Phong|Tôn Đức Thắng|Hàm Nghi|Nguyễn Chí Thanh|Cách Mạng Tháng Tám|30 Tháng 4|2 Tháng 9|Nguyễn Tri Phương|Lý Tự Trọng|Yết Kiêu|Hoàng Văn Thụ|Trường Chinh|Võ Nguyên Giáp|Phạm Văn Đồng|Nguyễn Văn Cừ|Lê Quý Đôn|Chu Văn An|Trần Quốc Toản|Nguyễn Đình Chiểu|Mạc Đĩnh Chi|Tô Hiến Thành|Ông Ích Khiêm|Nguyễn Lương Bằng|Lạc Long Quân|Âu Cơ|Nguyễn Công Trứ|Hồ Tùng Mậu",
);
const HAMLET_NAMES = words(
  "Đông|Tây|Nam|Bắc|Thượng|Hạ|Trung|Tân Lập|Tân Phú|Phú Mỹ|An Bình|Hòa Bình|Thắng Lợi|Đoàn Kết|Quyết Tiến|Tiền Phong|Bình An|Mỹ Hòa|Long Thạnh|Tân Thành|Phú Hòa|Đông Hòa|Thanh Bình|Hưng Thịnh|An Phú|Vĩnh Lợi",
);
const UPLAND_VILLAGES = words(
  "Nà Phặc|Bản Bó|Pác Nặm|Nà Sài|Khuổi Khon|Phiêng Luông|Nà Làng|Co Sản|Nậm Cang|Tả Phìn",
);
const HIGHLAND_VILLAGES = words(
  "Ako Dhông|Kô Tam|Ea Kmar|Trấp|Plei Ốp|Plei Chuet|Kon Klor|Đăk Rơ Wa|Ea Tu|Cuôr Đăng",
);

/** The street or village part of an address in this commune (without commune and province). */
export function addressLine(rng: Random, region: Region, unitType: string): string {
  const n = rng.int(1, 250);
  if (unitType !== "xa") {
    const street = rng.pick(STREETS);
    if (rng.chance(0.15)) return `Tổ dân phố ${rng.int(1, 40)}`;
    if (region === "north" && rng.chance(0.5)) return `Số ${rng.int(1, 60)}, ngõ ${n}, phố ${street}`;
    if (region === "central" && rng.chance(0.3)) return `Số ${rng.int(1, 60)}, kiệt ${n} ${street}`;
    if (region === "south" && rng.chance(0.5))
      return `Số ${n}/${rng.int(1, 40)}, hẻm ${rng.int(1, 500)} đường ${street}`;
    return `Số ${n}, đường ${street}`;
  }
  const numbered = rng.chance(0.5);
  switch (region) {
    case "south":
      return numbered ? `Ấp ${rng.int(1, 12)}` : `Ấp ${rng.pick(HAMLET_NAMES)}`;
    case "uplands":
      return rng.chance(0.5) ? `Bản ${rng.pick(UPLAND_VILLAGES)}` : `Thôn ${rng.int(1, 15)}`;
    case "highlands":
      return rng.chance(0.4) ? `Buôn ${rng.pick(HIGHLAND_VILLAGES)}` : `Thôn ${rng.int(1, 15)}`;
    default:
      return numbered
        ? `Thôn ${rng.int(1, 15)}`
        : `${rng.chance(0.5) ? "Xóm" : "Thôn"} ${rng.pick(HAMLET_NAMES)}`;
  }
}

/** Where babies are born (giấy chứng sinh issuers). */
export function birthFacility(rng: Random, provinceName: string, communeFullName: string): string {
  return rng.weighted([
    [`Bệnh viện Phụ sản ${provinceName}`, 40],
    [`Bệnh viện Đa khoa ${provinceName}`, 30],
    [`Trung tâm Y tế khu vực ${communeFullName.replace(/^(Phường|Xã|Đặc khu) /, "")}`, 20],
    [`Trạm Y tế ${communeFullName}`, 10],
  ]);
}

/** Initial-registration facility on a health-insurance card. */
export function primaryCareFacility(rng: Random, provinceName: string, communeFullName: string): string {
  return rng.chance(0.7) ? `Trạm Y tế ${communeFullName}` : `Bệnh viện Đa khoa ${provinceName}`;
}

/** Place of death on a death notice. */
export function deathPlace(rng: Random, provinceName: string, homeAddress: string): string {
  return rng.chance(0.7) ? `Tại nhà, ${homeAddress}` : `Bệnh viện Đa khoa ${provinceName}`;
}

export const DEATH_CAUSES: readonly (string | null)[] = [
  "Bệnh tuổi già",
  "Đột quỵ",
  "Suy tim",
  "Ung thư",
  null,
];
