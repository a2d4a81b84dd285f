package demo

import (
	"context"
	"fmt"

	"returndesk/intake"
	"returndesk/model"
	"returndesk/policy"
)

// The fixed part of the demo data: the two manufacturers of the seed
// policies, their products and service centres, and the shop's customers.
var manufacturers = []model.Manufacturer{
	{Name: "Halotek", Contact: "Lin Xiaoyan (sales manager)", Phone: "+86 755 8660 3120", Email: "support@halotek.example",
		Address: "Block B, Tianan Cyber Park, Futian, Shenzhen, Guangdong, China", AfterSalesAddress: "Halotek After-Sales Dept., 3F Block B, Tianan Cyber Park, Futian, Shenzhen 518040, China",
		TerminalPolicy: "halotek-terminal", OEMPolicy: "halotek-oem"},
	{Name: "EleTrek", Contact: "Kevin Zhou (sales manager)", Phone: "+86 20 3705 1188", Email: "rma@eletrek.example",
		Address: "No. 18 Kexue Avenue, Huangpu, Guangzhou, Guangdong, China", AfterSalesAddress: "EleTrek After Sales Dept., No. 18 Kexue Avenue, Huangpu, Guangzhou 510663, China",
		TerminalPolicy: eletrekTerminal, DistributorPolicy: "eletrek-distributor"},
}

// eletrekTerminal is EleTrek's own terminal-client policy. The presets give EleTrek only its
// distributor policy; a terminal policy of Halotek's would quote Halotek on EleTrek's slips.
const eletrekTerminal model.PolicyID = "eletrek-terminal"

// ownPolicies are the demo makers' policies that are not presets: made from the neutral
// templates, their clauses name the manufacturer whose unit a case is.
func ownPolicies() []policy.Policy {
	terminal, _ := policy.Preset(policy.TemplateTerminal)
	return []policy.Policy{terminal.CopyFor(eletrekTerminal, "EleTrek terminal clients")}
}

var catalogProducts = []struct {
	maker   string
	product model.Product
}{
	{"Halotek", model.Product{Model: "HT-H200", Name: "Bluetooth headset H200", UnitPrice: 3900}},
	{"Halotek", model.Product{Model: "HT-CAM5", Name: "5 MP IP camera", UnitPrice: 8900}},
	{"Halotek", model.Product{Model: "HT-PS48", Name: "48 V DC power cabinet 直流屏", UnitPrice: 128000}},
	{"Halotek", model.Product{Model: "HT-OEM-H1", Name: "Headset H1 (NordAudio brand)", UnitPrice: 2450, CustomBranded: true}},
	{"EleTrek", model.Product{Model: "ET-PB20", Name: "Power bank 20000 mAh", UnitPrice: 2500}},
	{"EleTrek", model.Product{Model: "ET-CH65", Name: "65 W USB-C charger", UnitPrice: 1850}},
	{"EleTrek", model.Product{Model: "ET-DC12", Name: "DC-DC converter 24→12 V", UnitPrice: 1200}},
	{"EleTrek", model.Product{Model: "ET-LED50", Name: "LED driver 50 W (shop brand)", UnitPrice: 990, CustomBranded: true}},
}

var catalogCentres = []struct {
	maker  string
	centre model.ServiceCentre
}{
	{"Halotek", model.ServiceCentre{Name: "Halotek Service Centre Futian", Region: "Guangdong", Address: "2F, 1008 Shennan Road, Futian, Shenzhen", Phone: "+86 755 8321 7700"}},
	{"Halotek", model.ServiceCentre{Name: "Halotek Service Centre Pudong", Region: "Shanghai", Address: "Room 1203, 58 Zhangjiang Road, Pudong, Shanghai", Phone: "+86 21 5080 4411"}},
	{"Halotek", model.ServiceCentre{Name: "Halotek Service Centre Haidian", Region: "Beijing", Address: "66 Zhongguancun Street, Haidian, Beijing", Phone: "+86 10 6255 9020"}},
	{"EleTrek", model.ServiceCentre{Name: "EleTrek Repair Point Guangzhou", Region: "Guangdong", Address: "No. 18 Kexue Avenue, Huangpu, Guangzhou", Phone: "+86 20 3705 1190"}},
	{"", model.ServiceCentre{Name: "成都快修电子服务中心", Region: "Sichuan", Address: "成都市武侯区人民南路四段 27 号", Phone: "+86 28 8555 6021"}},
	{"", model.ServiceCentre{Name: "Kowloon Electronics Service", Region: "Hong Kong", Address: "Shop 12, Golden Computer Arcade, 146 Fuk Wa Street, Sham Shui Po", Phone: "+852 2728 1180"}},
}

// Indexes into catalogProducts and shopCustomers that the demo refers to.
const (
	oemProduct  = 3  // the headset made for NordAudio
	walkIns     = 12 // shopCustomers[:walkIns] are walk-in customers, then two dealers
	oemCustomer = 14 // NordAudio, the OEM brand
)

var shopCustomers = []model.Customer{
	{Name: "张伟", Phone: "13800138001", Region: "Guangdong", Kind: model.KindTerminal},
	{Name: "王芳", Phone: "13912345678", Region: "Shanghai", Kind: model.KindTerminal},
	{Name: "李娜", Phone: "13688889999", Region: "Beijing", Kind: model.KindTerminal},
	{Name: "刘洋", Phone: "15013572468", Region: "Guangdong", Kind: model.KindTerminal},
	{Name: "陈静", Phone: "18620001234", Region: "Sichuan", Kind: model.KindTerminal},
	{Name: "黄晓明", Phone: "13798765432", Region: "Guangdong", Kind: model.KindTerminal, Email: "xiaoming.huang@example.cn"},
	{Name: "欧阳娜娜", Phone: "13511112222", Region: "Hong Kong", Kind: model.KindTerminal},
	{Name: "赵磊", Phone: "18888886666", Region: "Beijing", Kind: model.KindTerminal},
	{Name: "Maria Santos", Phone: "+852 6123 4567", Region: "Hong Kong", Kind: model.KindTerminal, Email: "maria.santos@example.com"},
	{Name: "John Carter", Phone: "+852 9012 3344", Region: "Hong Kong", Kind: model.KindTerminal},
	{Name: "Nguyen Van An", Phone: "13377778888", Region: "Guangdong", Kind: model.KindTerminal},
	{Name: "Olga Petrova", Phone: "13244556677", Region: "Shanghai", Kind: model.KindTerminal},
	{Name: "深圳华强北鑫达电子商行", Phone: "0755-83261234", Region: "Guangdong", Kind: model.KindDealer, Regular: true, Address: "深圳市福田区华强北路 1019 号"},
	{Name: "TechMart Electronics Ltd", Phone: "+852 2388 0456", Region: "Hong Kong", Kind: model.KindDealer, Address: "Unit 5, 8/F, Sino Centre, Mong Kok"},
	{Name: "NordAudio AB", Phone: "+46 8 410 220 00", Region: "Sweden", Kind: model.KindOEM, Regular: true, Email: "quality@nordaudio.example"},
}

// catalog is the stored catalog with what the generator needs to judge a case.
type catalog struct {
	makers   []model.Manufacturer
	products []model.Product
	policies map[model.ManufacturerID][2]*intake.Loaded // terminal and distributor policy
}

func (c *catalog) maker(name string) *model.Manufacturer {
	for i := range c.makers {
		if c.makers[i].Name == name {
			return &c.makers[i]
		}
	}
	panic("demo: no manufacturer " + name)
}

func (c *catalog) product(id model.ProductID) *model.Product {
	for i := range c.products {
		if c.products[i].ID == id {
			return &c.products[i]
		}
	}
	panic(fmt.Sprintf("demo: no product %d", id))
}

// writeCatalog stores the makers' own policies, the manufacturers, products and service
// centres, and loads the manufacturers' policies.
func writeCatalog(ctx context.Context, db model.Store) (*catalog, error) {
	cat := &catalog{policies: map[model.ManufacturerID][2]*intake.Loaded{}}
	for _, p := range ownPolicies() {
		rec, err := p.Record()
		if err != nil {
			return nil, err
		}
		if err := db.SavePolicy(ctx, &rec); err != nil {
			return nil, fmt.Errorf("policy %s: %w", p.ID, err)
		}
	}
	for _, m := range manufacturers {
		if err := db.CreateManufacturer(ctx, &m); err != nil {
			return nil, fmt.Errorf("manufacturer %s: %w", m.Name, err)
		}
		terminal, distributor, err := intake.PoliciesFor(ctx, db, &m)
		if err != nil {
			return nil, err
		}
		cat.policies[m.ID] = [2]*intake.Loaded{terminal, distributor}
		cat.makers = append(cat.makers, m)
	}
	for _, p := range catalogProducts {
		prod := p.product
		prod.ManufacturerID = cat.maker(p.maker).ID
		if err := db.CreateProduct(ctx, &prod); err != nil {
			return nil, fmt.Errorf("product %s: %w", prod.Model, err)
		}
		prod.Manufacturer = p.maker
		cat.products = append(cat.products, prod)
	}
	for _, c := range catalogCentres {
		sc := c.centre
		if c.maker != "" {
			sc.ManufacturerID = cat.maker(c.maker).ID
		}
		if err := db.CreateServiceCentre(ctx, &sc); err != nil {
			return nil, fmt.Errorf("service centre %s: %w", sc.Name, err)
		}
	}
	return cat, nil
}
