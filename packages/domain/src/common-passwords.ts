/**
 * Common and leaked passwords and keyboard patterns, lower-case. Sources: the most frequent entries
 * of public leak tallies (global and Chinese sites) plus keyboard walks. Compared after removing
 * trailing digits and symbols too, so "Password2025!" counts as "password".
 */
const LIST = `
123456 123456789 12345678 1234567890 12345 1234567 123123 123321 654321 987654321 111111 11111111
000000 00000000 666666 888888 88888888 112233 121212 123654 147258 147258369 159753 5201314 1314520
7758521 woaini woaini1314 woaiwojia iloveyou iloveu lovelove
password passw0rd p@ssword p@ssw0rd pa$$word pass password1 mypassword
qwerty qwertyu qwertyui qwertyuiop qwer qwer1234 qwerasdf qweasd qweasdzxc qazwsx qazwsxedc
qaz wsx 1qaz2wsx 1qazxsw2 zaq1xsw2 zaq12wsx 1qaz@wsx !qaz2wsx 1q2w3e 1q2w3e4r 1q2w3e4r5t q1w2e3r4
asdf asdfgh asdfghjk asdfghjkl asdf1234 zxcv zxcvb zxcvbn zxcvbnm zxcv1234 poiuytrewq lkjhgfdsa
mnbvcxz 1234qwer 123qwe qwe123 abc abc123 abcd abcd1234 abcde abcdef abcdefg abcdefgh a1b2c3 a1b2c3d4
a123456 aa123456 aaaaaa aaa abcabc
admin administrator admin123 adminadmin root toor system sysadmin manager guest user test tester
welcome letmein login secret changeme default master shadow monkey dragon sunshine princess
football baseball soccer superman batman spiderman trustno starwars freedom whatever computer
hello helloworld hellokitty michael jennifer charlie jordan liverpool chelsea arsenal
china zhongguo beijing shanghai guangzhou shenzhen nihao huawei xiaomi tencent baidu taobao alibaba
rdplan kejiju gzkj
`;

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(LIST.split(/\s+/).filter(Boolean));
