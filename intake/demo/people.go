package demo

import (
	"fmt"
	"math/rand/v2"

	"returndesk/model"
)

var (
	surnames = []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
		"何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董",
		"潘", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "沈", "姚", "卢", "钟", "欧阳", "司马", "上官"}
	givenChars = []string{"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
		"超", "兰", "霞", "平", "刚", "英", "华", "辉", "鹏", "玲", "婷", "宇", "浩", "欣", "思", "雨", "晨", "佳", "子", "文"}
	latinFirst = []string{"Maria", "John", "David", "Anna", "Olga", "Ahmed", "Priya", "Kenji", "Lucas", "Sofia",
		"Carlos", "Emma", "Minh", "Fatima", "Peter", "Yuki", "Rahul", "Chloe", "Ivan", "Grace"}
	latinLast = []string{"Santos", "Carter", "Petrova", "Smith", "Tanaka", "Kim", "Garcia", "Müller", "Rossi", "Wong",
		"Chan", "Lee", "Nguyen", "Silva", "Novak", "Ali", "Sharma", "Brown", "Ivanov", "Lam"}
	shopWords  = []string{"鑫达", "恒通", "华信", "金盛", "宏图", "永泰", "新世纪", "创联", "百汇", "德胜"}
	shopKinds  = []string{"电子商行", "数码城", "电子有限公司", "通讯器材店"}
	latinShops = []string{"Golden Star", "Pacific", "Harbour", "Dragon Gate", "Bright Future", "Orient", "Metro", "Summit"}
)

// regions weights the customers' regions (most near the shop, some far) and says where a
// dealer of the region has its shop and what its landline starts with.
var regions = []struct {
	name, market, landline string
	weight                 int
}{
	{"Guangdong", "深圳华强北", "0755-", 35}, {"Shanghai", "上海徐汇", "021-", 15}, {"Beijing", "北京中关村", "010-", 15},
	{"Hong Kong", "", "+852 ", 10}, {"Sichuan", "成都武侯", "028-", 8}, {"Zhejiang", "杭州滨江", "0571-", 7},
	{"Jiangsu", "南京新街口", "025-", 5}, {"Fujian", "福州鼓楼", "0591-", 5},
}

var mobilePrefixes = []string{"130", "131", "132", "135", "136", "137", "138", "139", "150", "151", "152", "158",
	"159", "176", "177", "180", "182", "186", "188", "189"}

// dealerShare is the share (in percent) of generated customers that are dealers.
const dealerShare = 4

// generatedCustomers is how many customers are made beyond the fixed ones: about one for
// every three cases, as regulars come back.
func generatedCustomers(cases int) int { return cases / 3 }

// phoneDigits gives the k-th of 10^8 distinct eight-digit numbers, scattered: 48271 is
// prime to 10^8, so k -> k*48271 mod 10^8 is one-to-one.
func phoneDigits(k int) int { return (k*48271 + 20_240_917) % 100_000_000 }

// writeCustomers stores the fixed customers and the generated ones; every phone is unique.
func (g *generator) writeCustomers(b model.BulkLoad) error {
	taken := map[string]bool{}
	for _, c := range shopCustomers {
		taken[c.Phone] = true
	}
	g.customers = append([]model.Customer(nil), shopCustomers...)
	for i := range g.customers {
		if err := b.CreateCustomer(&g.customers[i]); err != nil {
			return fmt.Errorf("customer %s: %w", g.customers[i].Name, err)
		}
	}
	for i := range walkIns {
		g.terminals = append(g.terminals, i)
	}
	g.dealers = []int{walkIns, walkIns + 1}
	k := 0
	for range generatedCustomers(g.opt.Cases) {
		c := g.person()
		for {
			c.Phone = g.phone(c, phoneDigits(k))
			k++
			if !taken[c.Phone] {
				break
			}
		}
		if err := b.CreateCustomer(&c); err != nil {
			return fmt.Errorf("customer %s: %w", c.Name, err)
		}
		if c.Kind == model.KindDealer {
			g.dealers = append(g.dealers, len(g.customers))
		} else {
			g.terminals = append(g.terminals, len(g.customers))
		}
		g.customers = append(g.customers, c)
	}
	return nil
}

// person makes up a customer without a phone: mostly people with Chinese names, some
// with Latin ones, and a few dealers.
func (g *generator) person() model.Customer {
	r := g.rng
	region := regions[g.region()]
	c := model.Customer{Region: region.name, Kind: model.KindTerminal}
	switch n := r.IntN(100); {
	case n < dealerShare:
		c.Kind = model.KindDealer
		c.Regular = r.IntN(3) == 0
		if region.market == "" || r.IntN(4) == 0 {
			c.Name = pick(r, latinShops) + " Electronics Ltd"
		} else {
			c.Name = region.market + pick(r, shopWords) + pick(r, shopKinds)
		}
	case n < 85:
		c.Name = pick(r, surnames) + pick(r, givenChars)
		if r.IntN(3) > 0 {
			c.Name += pick(r, givenChars)
		}
	default:
		c.Name = pick(r, latinFirst) + " " + pick(r, latinLast)
		if r.IntN(5) == 0 {
			c.Email = fmt.Sprintf("%s.%d@example.com", pick(r, latinLast), r.IntN(1000))
		}
	}
	return c
}

// phone formats the unique digits as the customer would write them: a shop's landline,
// a Hong Kong number or a mainland mobile.
func (g *generator) phone(c model.Customer, digits int) string {
	switch {
	case c.Region == "Hong Kong":
		return fmt.Sprintf("+852 %04d %04d", digits/10000, digits%10000)
	case c.Kind == model.KindDealer:
		for _, r := range regions {
			if r.name == c.Region {
				return fmt.Sprintf("%s%08d", r.landline, digits)
			}
		}
	}
	return fmt.Sprintf("%s%08d", mobilePrefixes[digits%len(mobilePrefixes)], digits)
}

// region picks an index into regions by weight.
func (g *generator) region() int {
	n := g.rng.IntN(100)
	for i, r := range regions {
		if n < r.weight {
			return i
		}
		n -= r.weight
	}
	return 0
}

func pick(r *rand.Rand, from []string) string { return from[r.IntN(len(from))] }
